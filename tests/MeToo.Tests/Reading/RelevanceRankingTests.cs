using MeToo.Tests.Harness;
using MeToo.Web.Data;
using MeToo.Web.Reading;
using Microsoft.EntityFrameworkCore;
using TestStories = MeToo.Tests.Harness.Stories;

namespace MeToo.Tests.Reading;

/// <summary>
/// "Most relevant" on SQLite ranks with <see cref="Fts5Ranking"/>: FTS5's BM25 with each word's
/// weight estimated from the newest stories (decision 0022). On either suite run: it is SQLite's.
/// </summary>
public sealed class RelevanceRankingTests : IDisposable
{
    private readonly MeTooFactory _app = new(DatabaseEngine.Sqlite);

    public void Dispose() => _app.Dispose();

    private static string Unique() => "zq" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task WhenTheSampleHoldsEveryStory_TheRankingIsFts5sOwnBm25()
    {
        var (first, second) = (Unique(), Unique());
        // Stories of different lengths that say the two words different numbers of times, and some that say only one.
        await _app.WithDbAsync(db => TestStories.AddAsync(db, 18, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2), i => TestStories.Content(
            string.Join(' ', Enumerable.Repeat(first, 1 + (i % 4)))
            + " happened at work, " + string.Join(", ", Enumerable.Repeat("and then again the next week", i % 5))
            + (i % 3 == 0 ? "." : $" and {string.Join(' ', Enumerable.Repeat(second, 1 + (i % 3)))} too."))));
        var match = StorySearch.ToMatch($"{first} {second}")!;

        var (ranked, expected) = await _app.WithDbAsync(async db =>
        {
            var (page, _) = await StorySearch.RelevantAsync(db, new StoryFilter(null, null, null, null, match), 1);
            var byBm25 = await db.Database.SqlQueryRaw<string>(
                """
                SELECT s.PublicId AS Value FROM StoriesFts f JOIN Stories s ON s.PublicOrder = -f.rowid
                WHERE StoriesFts MATCH {0} ORDER BY bm25(StoriesFts), s.PublicOrder DESC
                """,
                match).ToListAsync();
            return (page.Stories.Select(s => s.PublicId).ToList(), byBm25);
        });

        Assert.Equal(12, expected.Count);
        Assert.Equal(expected, ranked);
    }

    [Fact]
    public async Task EachWordWeighsWhatItWeighsAmongTheNewestStories_NotTheWholeIndex()
    {
        var (old, recent) = (Unique(), Unique());
        await _app.WithDbAsync(db => TestStories.AddAsync(db, 5, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2), _ => TestStories.Content($"An older story that says {old}, long enough to be a story.")));
        await _app.WithDbAsync(db => TestStories.AddAsync(db, 5, new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 5), i => TestStories.Content(
            i < 2 ? $"A newer story that says {recent}, long enough to be a story." : "A newer story about something else, long enough to be a story.")));

        var (amongFive, amongAll) = await _app.WithDbAsync(async db =>
        {
            await using var held = await db.HoldConnectionAsync();
            return (await StorySearch.WordWeightsAsync(db, [old, recent], 5, default), await StorySearch.WordWeightsAsync(db, [old, recent], 100, default));
        });

        // Among the five newest no story says the old word (the most weight a word can have) and two say the new one.
        Assert.Equal([Fts5Ranking.InverseDocumentFrequency(5, 0), Fts5Ranking.InverseDocumentFrequency(5, 2)], amongFive);
        Assert.Equal(Math.Log(5.5 / 0.5), amongFive[0], 12);
        // Among all ten, half say the old word: as in bm25(), such a word counts next to nothing.
        Assert.Equal([1e-6, Fts5Ranking.InverseDocumentFrequency(10, 2)], amongAll);
    }
}
