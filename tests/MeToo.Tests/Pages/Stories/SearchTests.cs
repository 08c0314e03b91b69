using System.Net;
using MeToo.Tests.Harness;
using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using TestStories = MeToo.Tests.Harness.Stories;

namespace MeToo.Tests.Pages.Stories;

/// <summary>Search on /stories through SQLite FTS5 (docs/architecture.md, decision 0010).</summary>
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

    /// <summary>FTS5's own check of its index against its content (PostgreSQL's vector is a generated column of the row: it cannot drift).</summary>
    private Task<int> IntegrityCheckAsync() =>
        _app.Engine == DatabaseEngine.Postgres
            ? Task.FromResult(0)
            : _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("INSERT INTO StoriesFts(StoriesFts, rank) VALUES('integrity-check', 1)"));

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
        var files = await Files.DatabaseFilesAsync(_app);
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

    /// <summary>Follows "older stories" from <paramref name="url"/> to the end; returns every story linked, in order.</summary>
    private async Task<List<string>> WalkAsync(string url)
    {
        var client = _app.CreateClient();
        var seen = new List<string>();
        string? next = url;
        while (next is not null)
        {
            var page = await Html.GetAsync(client, next);
            seen.AddRange(page.QuerySelectorAll("a.story-link").Select(a => a.GetAttribute("href")!.Replace("/stories/", string.Empty, StringComparison.Ordinal)));
            next = page.QuerySelector("nav.pager a[rel=next]")?.GetAttribute("href");
        }

        return seen;
    }

    /// <summary>
    /// The audit's finding: matches were cut at 2,000 by internal id before the published filter and
    /// the date order, so older stories were unreachable by search, and pending and rejected stories
    /// used up the slots. Now every published match is reachable by paging, in the browse order.
    /// </summary>
    [Fact]
    public async Task EveryPublishedMatch_IsReachableByPaging_InTheBrowseOrder_WhateverTheirNumber()
    {
        var word = Unique();
        // Pending stories first (the lowest internal ids), then 2,100 published over many days,
        // submitted in an order that is not their publication order.
        await _app.WithDbAsync(db => TestStories.AddAsync(db, 300, new DateOnly(2026, 1, 1), null, _ => TestStories.Content($"A pending story with {word}.")));
        await _app.WithDbAsync(db => TestStories.AddAsync(db, 2100, new DateOnly(2026, 1, 1), null, i => TestStories.Content($"Story {i} with {word} among many.")));
        await _app.WithDbAsync(async db =>
        {
            var stories = await db.Stories.Include(s => s.Tags).Where(s => s.Body.StartsWith("Story ")).ToListAsync();
            foreach (var story in stories)
            {
                story.Approve(new DateOnly(2026, 2, 1).AddDays((int)(story.Id * 7919 % 40)));
            }

            await db.SaveChangesAsync();
        });
        var published = await _app.WithDbAsync(db => db.Stories.Where(s => s.Status == StoryStatus.Published && s.Body.StartsWith("Story ")).Select(s => new { s.PublicId, s.Id, s.PublicOrder }).ToListAsync());

        var found = await WalkAsync("/stories?q=" + word);
        var browsed = await WalkAsync("/stories");

        Assert.Equal(2100, found.Count);
        Assert.Equal(published.Select(p => p.PublicId).Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
        Assert.Equal(browsed.Where(found.Contains), found); // the same order as browsing: by publication day and random id
        Assert.NotEqual(published.OrderByDescending(p => p.Id).Select(p => p.PublicId), found); // not the internal order
        await IntegrityCheckAsync();
    }

    [Fact]
    public async Task WordsMatchWholeWords_NotTheStartOfALongerWord()
    {
        var stem = Unique();
        var exact = (await AddAsync($"The exact word {stem} stands alone here."))[0];
        var longer = (await AddAsync($"The longer word {stem}ing only starts with it."))[0];

        var found = await FoundAsync(stem);

        Assert.Equal([exact.PublicId], found);
        Assert.DoesNotContain(longer.PublicId, found);
    }

    [Fact]
    public async Task MostRelevant_SaysItRanksTheNewestMatchesOnly()
    {
        var word = Unique();
        await AddAsync($"A story that mentions {word}.");

        var page = await Html.GetAsync(_app.CreateClient(), $"/stories?q={word}&sort=relevant");

        Assert.Contains("among the 1,000 newest stories", page.QuerySelector("#search-explained")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoryTakenOffTheSite_LeavesTheIndex_AndComesBackWhenPublishedAgain()
    {
        var word = Unique();
        var story = (await AddAsync($"A story that goes back to review with {word} in it."))[0];
        await _app.WithDbAsync(async db =>
        {
            var tracked = await db.Stories.Include(s => s.Tags).SingleAsync(s => s.Id == story.Id);
            tracked.ReturnToReview(new DateOnly(2026, 3, 5));
            await db.SaveChangesAsync();
        });
        var whileHidden = await FoundAsync(word);
        // What the index holds: on SQLite the FTS5 table; on PostgreSQL the GIN index is partial, over published rows.
        var indexedWhileHidden = await _app.WithDbAsync(db => _app.Engine == DatabaseEngine.Postgres
            ? db.Database.SqlQuery<int>($"SELECT COUNT(*)::int AS \"Value\" FROM \"Stories\" WHERE \"Status\" = 'Published' AND \"SearchVector\" @@ plainto_tsquery('metoo', {word})").SingleAsync()
            : db.Database.SqlQuery<int>($"SELECT COUNT(*) AS Value FROM StoriesFts WHERE StoriesFts MATCH {"\"" + word + "\""}").SingleAsync());
        await _app.WithDbAsync(async db =>
        {
            var tracked = await db.Stories.Include(s => s.Tags).SingleAsync(s => s.Id == story.Id);
            tracked.Approve(new DateOnly(2026, 3, 6));
            await db.SaveChangesAsync();
        });

        Assert.Empty(whileHidden);
        Assert.Equal(0, indexedWhileHidden); // not merely filtered out: gone from the index
        Assert.Equal([story.PublicId], await FoundAsync(word));
        await IntegrityCheckAsync();
    }
}
