using System.Net;
using MeToo.Tests.Harness;
using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using TestStories = MeToo.Tests.Harness.Stories;

namespace MeToo.Tests.Pages.Stories;

/// <summary>Search on /stories through SQLite FTS5 (DESIGN.md section 5).</summary>
public sealed class SearchTests : IDisposable
{
    private readonly MeTooFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static string Unique() => "zq" + Guid.NewGuid().ToString("N")[..10];

    private Task<List<Story>> AddAsync(string body, bool published = true, int count = 1) =>
        _app.WithDbAsync(db => TestStories.AddAsync(db, count, new DateOnly(2026, 3, 1), published ? new DateOnly(2026, 3, 2) : null, _ => TestStories.Content(body)));

    private async Task<List<string>> FoundAsync(string query)
    {
        var page = await Html.GetAsync(_app.CreateClient(), "/stories?q=" + Uri.EscapeDataString(query));
        return [.. page.QuerySelectorAll("a.story-link").Select(a => a.GetAttribute("href")!.Replace("/stories/", string.Empty, StringComparison.Ordinal))];
    }

    private Task<int> IntegrityCheckAsync() =>
        _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("INSERT INTO StoriesFts(StoriesFts, rank) VALUES('integrity-check', 1)"));

    [Fact]
    public async Task AWordFindsAPublishedStory_WhateverItsCaseOrAccents_AndNothingUnpublished()
    {
        var word = Unique();
        var published = (await AddAsync($"We met at the Café {word} after work, and he would not stop."))[0];
        var pending = (await AddAsync($"A pending story about {word} that is not public yet.", published: false))[0];
        var rejected = (await AddAsync($"A rejected story about {word}.", published: false))[0];
        await _app.WithDbAsync(async db =>
        {
            var story = await db.Stories.SingleAsync(s => s.Id == rejected.Id);
            story.Reject(RejectionReason.Spam, null, new DateOnly(2026, 3, 3));
            await db.SaveChangesAsync();
        });

        Assert.Equal([published.PublicId], await FoundAsync(word.ToUpperInvariant()));
        Assert.Equal([published.PublicId], await FoundAsync($"cafe {word}"));
        Assert.DoesNotContain(pending.PublicId, await FoundAsync(word));
        await IntegrityCheckAsync();
    }

    [Fact]
    public async Task AWithdrawnStory_NoLongerMatches_AndTheIndexStaysConsistent()
    {
        var word = Unique();
        var body = $"A story its author will withdraw, mentioning {word} once. It is long enough to be accepted by the form.";
        var (publicId, receipt) = await ModerationJourney.SharedStoryAsync(_app, body);
        await _app.WithDbAsync(async db =>
        {
            var story = await db.Stories.Include(s => s.Tags).SingleAsync(s => s.PublicId == publicId);
            story.Approve(new DateOnly(2026, 3, 14));
            await db.SaveChangesAsync();
        });
        var before = await FoundAsync(word);

        await MyStoryJourney.WithdrawAsync(_app.CreateClient(), receipt);

        Assert.Equal([publicId], before);
        Assert.Empty(await FoundAsync(word));
        await IntegrityCheckAsync();
        var files = await Files.DatabaseFilesAsync(_app.DatabasePath);
        Assert.All(files, f => Assert.False(Files.Contains(f.Value, word), $"the withdrawn word is still in {f.Key}"));
    }

    [Fact]
    public async Task AnEditedStory_MatchesItsNewWordsOnly()
    {
        var oldWord = Unique();
        var newWord = Unique();
        var story = (await AddAsync($"The first words were {oldWord} and more."))[0];

        await _app.WithDbAsync(async db =>
        {
            var tracked = await db.Stories.SingleAsync(s => s.Id == story.Id);
            tracked.Redact(new Redaction(null, $"The redacted words are {newWord} and more.", null), null, new DateOnly(2026, 3, 5));
            await db.SaveChangesAsync();
        });

        Assert.Empty(await FoundAsync(oldWord));
        Assert.Equal([story.PublicId], await FoundAsync(newWord));
        await IntegrityCheckAsync();
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"unbalanced quote")]
    [InlineData("*")]
    [InlineData("word*")]
    [InlineData("NEAR")]
    [InlineData("NEAR(a b, 2)")]
    [InlineData("-")]
    [InlineData("-word")]
    [InlineData("(")]
    [InlineData("a OR b AND NOT c")]
    [InlineData("title:word")]
    [InlineData("^start")]
    [InlineData("{Title Body}: x")]
    [InlineData("'; DROP TABLE Stories; --")]
    public async Task FtsSyntaxInTheQuery_GivesResultsOrAClearMessage_NeverAnError(string query)
    {
        await AddAsync("A word and a start, a title and a body, near the end: or not, and so on.");

        var response = await _app.CreateClient().GetAsync("/stories?q=" + Uri.EscapeDataString(query));
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(page.QuerySelector("a.story-link") is not null || page.QuerySelector("#search-message") is not null || page.QuerySelector("#no-results") is not null);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Stories.CountAsync()));
    }

    [Fact]
    public async Task Snippets_HighlightTheWords_AndStayEncoded()
    {
        var word = Unique();
        await AddAsync($"He wrote <script>alert(1)</script> next to {word} on the board, then laughed.");

        var page = await Html.GetAsync(_app.CreateClient(), "/stories?q=" + word);
        var snippet = page.QuerySelector(".search-snippet")!;

        Assert.Equal(word, snippet.QuerySelector("mark")!.TextContent, ignoreCase: true);
        Assert.Contains("<script>alert(1)</script>", snippet.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".search-snippet script"));
    }

    [Fact]
    public async Task MostRelevant_PutsTheStoryThatSaysItMostFirst_AndFiltersStillApply()
    {
        var word = Unique();
        var once = (await AddAsync($"A long story that names {word} only once among many other words about the office and the people there and the days that went by."))[0];
        var often = (await AddAsync($"{word} {word} {word}: it happened again and again."))[0];

        var page = await Html.GetAsync(_app.CreateClient(), $"/stories?q={word}&sort=relevant");
        var order = page.QuerySelectorAll("a.story-link").Select(a => a.GetAttribute("href")).ToList();
        var filtered = await Html.GetAsync(_app.CreateClient(), $"/stories?q={word}&sort=relevant&setting=school");

        Assert.Equal([$"/stories/{often.PublicId}", $"/stories/{once.PublicId}"], order);
        Assert.Empty(filtered.QuerySelectorAll("a.story-link"));
    }

    [Fact]
    public async Task SearchResults_PageNewestFirstByKeyset()
    {
        var word = Unique();
        await AddAsync($"One of many stories with {word} in it.", count: 25);

        var first = await Html.GetAsync(_app.CreateClient(), $"/stories?q={word}");
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var second = await Html.GetAsync(_app.CreateClient(), next);

        Assert.Contains($"q={word}", next, StringComparison.Ordinal);
        Assert.Equal(20, first.QuerySelectorAll("a.story-link").Length);
        Assert.Equal(5, second.QuerySelectorAll("a.story-link").Length);
    }
}
