using System.Xml.Linq;
using MeToo.Tests.Harness;
using MeToo.Web.Domain;
using MeToo.Web.Privacy;
using TestStories = MeToo.Tests.Harness.Stories;

namespace MeToo.Tests.Pages.Stories;

public sealed class FeedTests : IDisposable
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private readonly MeTooFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheFeed_IsAtom_WithTitlesAndLinksOnly_DatedAtMidnight_AndNoAuthorForAnonymousStories()
    {
        var longBody = string.Join(' ', Enumerable.Repeat("It went on for months and nobody listened to me.", 30));
        await _app.WithDbAsync(async db =>
        {
            await TestStories.AddAsync(db, 1, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 9), _ => TestStories.Content(longBody, title: "On the night shift"));
            var named = Story.Submit(PublicId.New(), new StoryContent("Signed", "A story signed with a chosen name, long enough.", "Robin", null, null, ["workplace"], ["verbal-harassment"], []), new byte[32], new DateOnly(2026, 3, 2));
            named.Approve(new DateOnly(2026, 3, 10));
            db.Stories.Add(named);
            await TestStories.AddAsync(db, 1, new DateOnly(2026, 3, 3), null, _ => TestStories.Content("A pending story that must not be in the feed."));
            await db.SaveChangesAsync();
        });

        var response = await _app.CreateClient().GetAsync("/feed.atom");
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var entries = feed.Root!.Elements(Atom + "entry").ToList();

        Assert.Equal("application/atom+xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("noindex, noarchive", response.Headers.GetValues("X-Robots-Tag").Single());
        Assert.Equal(Atom + "feed", feed.Root.Name);
        Assert.NotNull(feed.Root.Element(Atom + "id"));
        Assert.Equal(2, entries.Count);
        Assert.Equal("Signed", entries[0].Element(Atom + "title")!.Value);
        Assert.Equal("Robin", entries[0].Element(Atom + "author")!.Element(Atom + "name")!.Value);
        Assert.Equal("2026-03-10T00:00:00Z", entries[0].Element(Atom + "updated")!.Value);
        var anonymous = entries[1];
        Assert.Null(anonymous.Element(Atom + "author"));
        Assert.Equal("2026-03-09T00:00:00Z", anonymous.Element(Atom + "published")!.Value);
        // Titles and links only: no word of a story reaches feed readers, where a withdrawal cannot follow.
        Assert.Null(anonymous.Element(Atom + "summary"));
        Assert.Null(anonymous.Element(Atom + "content"));
        Assert.DoesNotContain("nobody listened", feed.ToString(), StringComparison.Ordinal);
        Assert.All(entries, e => Assert.StartsWith("https://localhost/stories/", e.Element(Atom + "id")!.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StoryPages_AskSearchEnginesNotToKeepACopy()
    {
        var stories = await _app.WithDbAsync(db => TestStories.AddAsync(db, 1, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)));

        var response = await _app.CreateClient().GetAsync($"/stories/{stories[0].PublicId}");

        Assert.Equal("noindex, noarchive", response.Headers.GetValues("X-Robots-Tag").Single());
    }
}
