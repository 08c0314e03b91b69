using System.Net;
using MeToo.Tests.Harness;

namespace MeToo.Tests.Infrastructure;

/// <summary>
/// What search engines may keep (privacy rule 10). The audit found list pages and search results
/// indexable while their cards carried the whole of a short story, and no robots.txt: every page
/// that shows story text now says noindex, noarchive; the pages survivors look for stay findable;
/// robots.txt blocks none of the story pages (a crawler that cannot fetch a page never sees its noindex).
/// </summary>
public sealed class IndexingTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<string> PublishedStoryAsync()
    {
        var stories = await app.WithDbAsync(db => Stories.AddAsync(db, 1, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)));
        return stories[0].PublicId;
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/help")]
    [InlineData("/safety")]
    [InlineData("/about")]
    [InlineData("/guidelines")]
    [InlineData("/privacy")]
    [InlineData("/stats")]
    public async Task ThePagesSurvivorsLookFor_AreIndexable_AndDescribeThemselves(string url)
    {
        var response = await app.CreateClient().GetAsync(url);
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Robots-Tag"), $"{url} asks not to be indexed");
        Assert.True(page.QuerySelector("meta[name=description]")?.GetAttribute("content") is { Length: > 40 }, $"{url} has no description");
        Assert.Empty(page.QuerySelectorAll("article.story"));
    }

    [Theory]
    [InlineData("/stories")]
    [InlineData("/stories?q=manager")]
    [InlineData("/stories?sort=supported")]
    [InlineData("/stories?setting=workplace")]
    [InlineData("/feed.atom")]
    [InlineData("/share")]
    [InlineData("/my-story")]
    [InlineData("/account/login")]
    [InlineData("/nowhere")]
    public async Task EveryOtherPage_AsksSearchEnginesToKeepNoCopy(string url)
    {
        await PublishedStoryAsync();

        var response = await app.CreateClient().GetAsync(url);

        Assert.Equal("noindex, noarchive", response.Headers.GetValues("X-Robots-Tag").Single());
    }

    [Fact]
    public async Task AStoryPage_AsksSearchEnginesToKeepNoCopy()
    {
        var publicId = await PublishedStoryAsync();

        var response = await app.CreateClient().GetAsync($"/stories/{publicId}");

        Assert.Equal("noindex, noarchive", response.Headers.GetValues("X-Robots-Tag").Single());
    }

    [Fact]
    public async Task RobotsTxt_BlocksNoPageThatShowsAStory()
    {
        var response = await app.CreateClient().GetAsync("/robots.txt");
        var rules = (await response.Content.ReadAsStringAsync()).Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("Disallow:", StringComparison.OrdinalIgnoreCase))
            .Select(l => l["Disallow:".Length..].Trim())
            .ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/admin/", rules);
        foreach (var storyPage in new[] { "/", "/stories", "/stories/abcdefghjkmnpqrs", "/feed.atom", "/help" })
        {
            Assert.DoesNotContain(rules, rule => rule.Length > 0 && storyPage.StartsWith(rule, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task EveryPage_HasAFavicon_SoBrowsersDoNotAskForOneThatIsMissing()
    {
        var page = await Html.GetAsync(app.CreateClient(), "/");
        var icon = page.QuerySelector("link[rel=icon]")!.GetAttribute("href")!;

        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync(icon)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/favicon.ico")).StatusCode);
    }
}
