using MeToo.Tests.Harness;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TestStories = MeToo.Tests.Harness.Stories;

namespace MeToo.Tests.Pages.Stories;

/// <summary>
/// "Most supported" reads the live order (most support first, the public id breaking ties) with a
/// keyset on the pair: no background job rewrites ranks behind the writers' backs, a story is never
/// shown twice while a reader pages on, and a story's new support counts at once.
/// </summary>
public sealed class MostSupportedTests : IDisposable
{
    private readonly MeTooFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static List<string> Links(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("a.story-link").Select(a => a.GetAttribute("href")!.Replace("/stories/", string.Empty, StringComparison.Ordinal))];

    private async Task<List<MeToo.Web.Domain.Story>> StoriesWithCountsAsync(int count, Func<int, int> support)
    {
        var stories = await _app.WithDbAsync(db => TestStories.AddAsync(db, count, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)));
        await _app.WithDbAsync(async db =>
        {
            for (var i = 0; i < stories.Count; i++)
            {
                var id = stories[i].Id;
                var n = support(i);
                await db.Stories.Where(s => s.Id == id).ExecuteUpdateAsync(set => set.SetProperty(s => s.SupportCount, n));
            }
        });
        return stories;
    }

    /// <summary>Every page through "most supported", following the "older" link to the end.</summary>
    private async Task<List<string>> EveryPageAsync(string first)
    {
        var seen = new List<string>();
        string? next = first;
        for (var pages = 0; next is not null && pages < 20; pages++)
        {
            var page = await Html.GetAsync(_app.CreateClient(), next);
            seen.AddRange(Links(page));
            next = page.QuerySelector("a[rel=next]")?.GetAttribute("href");
        }

        return seen;
    }

    [Fact]
    public async Task MostSupported_PagesByKeysetOnTheCount_SoNoStoryShowsTwiceWhileCountsMove()
    {
        var stories = await StoriesWithCountsAsync(25, i => 100 + i);
        var first = await Html.GetAsync(_app.CreateClient(), "/stories?sort=supported");
        var firstIds = Links(first);

        // The least supported story on page one now overtakes everyone; page two is still page two.
        var last = firstIds[^1];
        await _app.WithDbAsync(db => db.Stories.Where(s => s.PublicId == last).ExecuteUpdateAsync(set => set.SetProperty(s => s.SupportCount, 10_000)));
        var second = await Html.GetAsync(_app.CreateClient(), first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        var secondIds = Links(second);

        var expected = stories.OrderByDescending(s => stories.IndexOf(s)).Select(s => s.PublicId).ToList();
        Assert.Equal(expected.Take(20), firstIds);
        Assert.Equal(expected.Skip(20), secondIds);
        Assert.Empty(firstIds.Intersect(secondIds));

        // Live: the first page shows the new order at once (once the cached page is evicted).
        await _app.Services.GetRequiredService<MeToo.Web.Infrastructure.StoryPageEviction>().EvictAsync();
        Assert.Equal(last, Links(await Html.GetAsync(_app.CreateClient(), "/stories?sort=supported"))[0]);
    }

    [Fact]
    public async Task StoriesWithTheSameSupport_AreEachShownOnce_InPublicIdOrder_AcrossPages()
    {
        // Ties across the page boundary are where a keyset on the count alone would skip or repeat.
        var stories = await StoriesWithCountsAsync(45, i => i < 5 ? 50 : 7);

        var seen = await EveryPageAsync("/stories?sort=supported");

        var expected = stories.Take(5).Select(s => s.PublicId).OrderDescending(StringComparer.Ordinal)
            .Concat(stories.Skip(5).Select(s => s.PublicId).OrderDescending(StringComparer.Ordinal));
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task MostSupported_KeepsTheFilters_WhilePaging()
    {
        var stories = await StoriesWithCountsAsync(30, i => i);
        var inFrance = stories.Where((_, i) => i % 3 == 0).Select(s => s.Id).ToList();
        await _app.WithDbAsync(db => db.Stories.Where(s => inFrance.Contains(s.Id)).ExecuteUpdateAsync(set => set.SetProperty(s => s.CountryCode, "FR")));

        var seen = await EveryPageAsync("/stories?sort=supported&country=FR");

        Assert.Equal(stories.Where(s => inFrance.Contains(s.Id)).OrderByDescending(s => stories.IndexOf(s)).Select(s => s.PublicId), seen);
    }

    [Theory]
    [InlineData("r12")]
    [InlineData("s-")]
    [InlineData("s12-")]
    [InlineData("s99999999999999999999-aaaaaaaaaaaaaaaa")]
    [InlineData("sx-aaaaaaaaaaaaaaaa")]
    [InlineData("s5-not-a-public-id")]
    public async Task AMalformedCursor_GivesTheFirstPage_NotAnError(string cursor)
    {
        var stories = await StoriesWithCountsAsync(3, i => i);

        var page = await Html.GetAsync(_app.CreateClient(), "/stories?sort=supported&after=" + Uri.EscapeDataString(cursor));

        Assert.Equal(stories.AsEnumerable().Reverse().Select(s => s.PublicId), Links(page));
    }
}
