using MeToo.Tests.Harness;
using MeToo.Web.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TestStories = MeToo.Tests.Harness.Stories;

namespace MeToo.Tests.Pages.Stories;

public sealed class MostSupportedTests : IDisposable
{
    private readonly MeTooFactory _app = new();

    public void Dispose() => _app.Dispose();

    private async Task RecomputeAsync()
    {
        using var scope = _app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<SupportRankJob>().RecomputeAsync();
        await scope.ServiceProvider.GetRequiredService<MeToo.Web.Infrastructure.StoryPageEviction>().EvictAsync();
    }

    private static List<string> Links(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("a.story-link").Select(a => a.GetAttribute("href")!.Replace("/stories/", string.Empty, StringComparison.Ordinal))];

    [Fact]
    public async Task MostSupported_PagesByTheRankSnapshot_SoPagesStayStableWhileCountsMove()
    {
        var stories = await _app.WithDbAsync(db => TestStories.AddAsync(db, 25, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)));
        await _app.WithDbAsync(async db =>
        {
            for (var i = 0; i < stories.Count; i++)
            {
                var id = stories[i].Id;
                await db.Stories.Where(s => s.Id == id).ExecuteUpdateAsync(set => set.SetProperty(s => s.SupportCount, 100 + i));
            }
        });
        await RecomputeAsync();

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

        await RecomputeAsync();
        Assert.Equal(last, Links(await Html.GetAsync(_app.CreateClient(), "/stories?sort=supported"))[0]);
    }

    [Fact]
    public async Task TheRankingService_RecomputesOnTheInjectedClock()
    {
        _ = _app.CreateClient();
        int Ranked() => _app.WithDbAsync(db => db.SupportRanks.CountAsync()).GetAwaiter().GetResult();
        await _app.WithDbAsync(db => TestStories.AddAsync(db, 3, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)));
        var first = await Eventually.AdvanceUntilAsync(_app.Time, SupportRankService.Interval, Ranked, n => n == 3);

        await _app.WithDbAsync(db => TestStories.AddAsync(db, 2, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)));
        var before = Ranked();
        var second = await Eventually.AdvanceUntilAsync(_app.Time, SupportRankService.Interval, Ranked, n => n == 5);

        Assert.Equal((3, 3, 5), (first, before, second));
    }
}
