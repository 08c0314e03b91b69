using System.Net;
using MeToo.Tests.Harness;
using MeToo.Web.Domain;

namespace MeToo.Tests.Pages.Stories;

/// <summary>Browsing reads published stories only, newest first, 20 a page, by keyset.</summary>
public sealed class BrowseTests : IClassFixture<BrowseTests.Fixture>
{
    private readonly Fixture _app;

    public BrowseTests(Fixture app) => _app = app;

    public sealed class Fixture : MeTooFactory, IAsyncLifetime
    {
        public List<Story> Published { get; } = [];

        public async ValueTask InitializeAsync()
        {
            // 45 stories published on one day (ties broken by id), 30 over the following days,
            // plus stories in every non-public state that must never show.
            var day = new DateOnly(2026, 1, 10);
            await WithDbAsync(async db =>
            {
                Published.AddRange(await Harness.Stories.AddAsync(db, 45, day, day, i => Harness.Stories.Content(
                    body: $"Same-day story number {i} with enough words to be a story.",
                    settings: i % 3 == 0 ? ["online"] : ["workplace"],
                    experiences: i % 2 == 0 ? ["stalking"] : ["verbal-harassment"])));
                for (var d = 1; d <= 30; d++)
                {
                    Published.AddRange(await Harness.Stories.AddAsync(db, 1, day.AddDays(d), day.AddDays(d), i => Harness.Stories.Content(
                        body: $"Later story of day {d} with enough words to be a story.",
                        settings: d % 3 == 0 ? ["online"] : ["school"],
                        experiences: ["stalking"],
                        country: d % 2 == 0 ? "FR" : "CA",
                        year: 2000 + (d % 4))));
                }

                await Harness.Stories.AddAsync(db, 3, day, null, i => Harness.Stories.Content(body: $"PENDING-STORY {i} that is waiting for a moderator."));
                var rejected = await Harness.Stories.AddAsync(db, 1, day, null, i => Harness.Stories.Content(body: "REJECTED-STORY that a moderator refused."));
                rejected[0].Reject(RejectionReason.Spam, null, day);
                var changes = await Harness.Stories.AddAsync(db, 1, day, null, i => Harness.Stories.Content(body: "CHANGES-STORY that waits for its author."));
                changes[0].RequestChanges("please edit", day);
                await db.SaveChangesAsync();
            });
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            GC.SuppressFinalize(this);
        }
    }

    private async Task<List<string>> WalkOlderAsync(HttpClient client, string firstUrl)
    {
        var seen = new List<string>();
        var url = firstUrl;
        for (var guard = 0; guard < 50 && url is not null; guard++)
        {
            var page = await Html.GetAsync(client, url);
            var links = page.QuerySelectorAll("a.story-link").Select(a => a.GetAttribute("href")!).ToList();
            Assert.True(links.Count <= 20, $"a page holds {links.Count} stories");
            seen.AddRange(links);
            url = page.QuerySelector("nav.pager a[rel=next]")?.GetAttribute("href");
        }

        return seen;
    }

    [Fact]
    public async Task Paging_OlderThenNewer_VisitsEveryPublishedStoryOnce_NewestFirst()
    {
        var client = _app.CreateClient();

        var seen = await WalkOlderAsync(client, "/stories");

        var expected = _app.Published
            .OrderByDescending(s => s.PublishedOn).ThenByDescending(s => s.PublicId, StringComparer.Ordinal)
            .Select(s => $"/stories/{s.PublicId}")
            .ToList();
        Assert.Equal(expected, seen);

        // Back again with "newer stories" from the last page, page by page.
        var lastPageUrl = "/stories";
        string? next = "/stories";
        while (next is not null)
        {
            lastPageUrl = next;
            next = (await Html.GetAsync(client, next)).QuerySelector("nav.pager a[rel=next]")?.GetAttribute("href");
        }

        var backwards = new List<string>();
        string? url = lastPageUrl;
        while (url is not null)
        {
            var page = await Html.GetAsync(client, url);
            backwards.InsertRange(0, page.QuerySelectorAll("a.story-link").Select(a => a.GetAttribute("href")!));
            url = page.QuerySelector("nav.pager a[rel=prev]")?.GetAttribute("href");
        }

        Assert.Equal(expected, backwards);
    }

    [Fact]
    public async Task NonPublicStories_NeverAppear()
    {
        var client = _app.CreateClient();
        var text = await client.GetStringAsync("/");
        var seen = await WalkOlderAsync(client, "/stories");
        foreach (var url in seen.Take(5))
        {
            text += await client.GetStringAsync(url);
        }

        Assert.Equal(_app.Published.Count, seen.Count);
        Assert.DoesNotContain("PENDING-STORY", text);
        Assert.DoesNotContain("REJECTED-STORY", text);
        Assert.DoesNotContain("CHANGES-STORY", text);
    }

    [Theory]
    [InlineData("setting=online")]
    [InlineData("setting=workplace&experience=stalking")]
    [InlineData("experience=stalking&country=FR")]
    [InlineData("setting=school&year=2001")]
    public async Task Filters_CombineWithPaging(string query)
    {
        var client = _app.CreateClient();

        var seen = await WalkOlderAsync(client, "/stories?" + query);

        var parts = query.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        var expected = _app.Published
            .Where(s => !parts.TryGetValue("setting", out var v) || s.Settings.Contains(v))
            .Where(s => !parts.TryGetValue("experience", out var v) || s.Experiences.Contains(v))
            .Where(s => !parts.TryGetValue("country", out var v) || s.CountryCode == v)
            .Where(s => !parts.TryGetValue("year", out var v) || s.Year == int.Parse(v))
            .OrderByDescending(s => s.PublishedOn).ThenByDescending(s => s.PublicId, StringComparer.Ordinal)
            .Select(s => $"/stories/{s.PublicId}")
            .ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task UnknownFilterValues_AreIgnored_NotErrors()
    {
        var client = _app.CreateClient();

        var response = await client.GetAsync("/stories?setting=%3Cscript%3E&experience=x&country=ZZ&year=abc&after=garbage&before=20260101-zz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal(20, page.QuerySelectorAll("a.story-link").Length);
    }

    [Fact]
    public async Task AStoryPage_ShowsItsTextTagsAndMonth_AndAnUnknownIdGivesAFriendly404()
    {
        var client = _app.CreateClient();
        var story = _app.Published[1];

        var page = await Html.GetAsync(client, $"/stories/{story.PublicId}");
        var missing = await client.GetAsync("/stories/zzzzzzzzzzzzzzzz");
        var malformed = await client.GetAsync("/stories/..%2F..%2Fetc");

        Assert.Contains(story.Body, page.QuerySelector("article.story")!.TextContent);
        Assert.Contains("January 2026", page.QuerySelector(".story-meta")!.TextContent);
        Assert.Contains("Work", page.QuerySelector(".tags")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("couldn't find that page", (await Html.ParseAsync(missing)).QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
    }

    [Fact]
    public async Task StoriesWithContentWarnings_AreFoldedInDetails()
    {
        var day = new DateOnly(2026, 2, 20);
        var story = await _app.WithDbAsync(async db => (await Harness.Stories.AddAsync(db, 1, day, day, _ =>
            Harness.Stories.Content(body: "A story that carries a content warning and must be folded.", warnings: ["self-harm"])))[0]);
        _app.Published.Add(story);
        var client = _app.CreateClient();

        var page = await Html.GetAsync(client, $"/stories/{story.PublicId}");
        var list = await Html.GetAsync(client, "/stories");

        var details = page.QuerySelector("article.story details.content-warning");
        Assert.NotNull(details);
        Assert.False(details.HasAttribute("open"));
        Assert.Contains("Self-harm", details.QuerySelector("summary")!.TextContent);
        Assert.Contains("must be folded", details.TextContent);
        var inList = list.QuerySelectorAll("article.story").First(a => a.TextContent.Contains("must be folded"));
        Assert.NotNull(inList.QuerySelector("details.content-warning"));
    }

    /// <summary>The home page is meant to be found by search engines, so it carries no story text.</summary>
    [Fact]
    public async Task HomePage_ShowsThePublishedCount_AndTheInvitations_ButNoStoryText()
    {
        var client = _app.CreateClient();

        var response = await client.GetAsync("/");
        var home = await Html.ParseAsync(response);

        Assert.Equal(_app.Published.Count.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en")), home.QuerySelector(".published-count")!.TextContent);
        Assert.Empty(home.QuerySelectorAll("a.story-link, article.story"));
        Assert.DoesNotContain(_app.Published[0].Body[..20], home.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(home.QuerySelector("a[href='/share']"));
        Assert.NotNull(home.QuerySelector("a[href='/stories']"));
        Assert.False(response.Headers.Contains("X-Robots-Tag"));
    }
}
