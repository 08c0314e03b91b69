using System.Text.RegularExpressions;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Reading;

/// <summary>
/// Searching published stories by their words. The reader's words become a safe FTS5 query: only
/// letters and digits survive, each word is quoted (so <c>"</c>, <c>*</c>, <c>NEAR</c>, <c>-</c> and
/// parentheses are just text), every word must match as a whole word (no implicit prefix). The index
/// holds published stories only, under their <see cref="PublicOrder"/> negated: "newest first" walks
/// the index in its own ascending order and stops after a page, so every match is reachable by paging, in the
/// order the page states, and nothing about submission order shows. "Most relevant" ranks a bounded
/// window of the newest matches (<see cref="RelevanceWindow"/>) and the page says so.
/// </summary>
public static partial class StorySearch
{
    public const int MaxWords = 8;
    public const int MaxQueryLength = 200;

    /// <summary>How many of the newest matches "most relevant" ranks: bounded work, said on the page.</summary>
    public const int RelevanceWindow = 1000;

    /// <summary>Marks the start and end of a matched word in a snippet; the cleaner keeps these out of stories.</summary>
    public const char HighlightStart = '\u0002';
    public const char HighlightEnd = '\u0003';

    public sealed record Snippet(long Position, string Text);

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex Words();

    /// <summary>The FTS5 query for <paramref name="text"/>, or null when it has no word to look for.</summary>
    public static string? ToMatch(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var words = Words().Matches(text.Length > MaxQueryLength ? text[..MaxQueryLength] : text)
            .Select(m => m.Value)
            .Where(w => !string.IsNullOrEmpty(w))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(MaxWords)
            .ToList();
        return words.Count == 0 ? null : string.Join(' ', words.Select(Phrase));
    }

    /// <summary>One word as an FTS5 phrase: quoted, so that nothing in it is syntax.</summary>
    private static string Phrase(string word) => "\"" + word + "\"";

    /// <summary>
    /// A page of matches, newest first, by keyset on the public order, each with its snippet — made
    /// by the same walk of the index that found it (a second query for the snippets of given rows
    /// made FTS5 read the whole list of a common word: 6 ms for "a" at 100,000 stories).
    /// </summary>
    public static async Task<StoryPage> PageAsync(AppDbContext db, StoryFilter filter, string? after, string? before, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var match = filter.Match ?? throw new ArgumentException("A search needs words.", nameof(filter));
        if (db.Database.IsNpgsql())
        {
            return await PostgresStorySearch.PageAsync(db, filter, after, before, cancellationToken);
        }

        return await PageOfMatchesAsync(
            db,
            (above, below, newestFirst, limit, snippets, token) => MatchesAsync(db, match, filter, above, below, newestFirst, limit, snippets, token),
            snippetOf: null,
            after,
            before,
            cancellationToken);
    }

    /// <summary>
    /// Matches strictly between two positions of the public order, within the filters, newest (or
    /// oldest) first, at most <c>limit</c> — with their snippets when asked, if the engine makes them
    /// in the same walk. Each engine's search is one of these.
    /// </summary>
    internal delegate Task<List<Snippet>> MatchesBetween(long above, long below, bool newestFirst, int limit, bool snippets, CancellationToken cancellationToken);

    /// <summary>
    /// The one paging routine of both engines: a page of <paramref name="matches"/> by keyset on the
    /// public order (<paramref name="after"/> older, <paramref name="before"/> newer), and whether
    /// there is more either way. Snippets come from the walk, or from <paramref name="snippetOf"/>.
    /// </summary>
    internal static async Task<StoryPage> PageOfMatchesAsync(AppDbContext db, MatchesBetween matches, Func<StoryView, string>? snippetOf, string? after, string? before, CancellationToken cancellationToken)
    {
        await using var connection = await db.HoldConnectionAsync(cancellationToken);
        var walkSnippets = snippetOf is null;
        List<Snippet> found;
        bool hasOlder, hasNewer;
        if (PublishedStories.TryParseCursor(before, out var newerThan))
        {
            // Back towards the newest: the one walk against the index's order, a page from the cursor.
            found = await matches(newerThan, long.MaxValue, false, PublishedStories.PageSize + 1, walkSnippets, cancellationToken);
            hasNewer = found.Count > PublishedStories.PageSize;
            found = [.. found.Take(PublishedStories.PageSize).Reverse()];
            hasOlder = found.Count > 0 && (await matches(long.MinValue, found[^1].Position, true, 1, false, cancellationToken)).Count > 0;
        }
        else
        {
            var olderThan = PublishedStories.TryParseCursor(after, out var cursor) ? cursor : long.MaxValue;
            found = await matches(long.MinValue, olderThan, true, PublishedStories.PageSize + 1, walkSnippets, cancellationToken);
            hasOlder = found.Count > PublishedStories.PageSize;
            found = [.. found.Take(PublishedStories.PageSize)];
            // Whether any match is newer, asked in the index's fast direction (any order answers it).
            hasNewer = after is not null && found.Count > 0 && (await matches(found[0].Position, long.MaxValue, true, 1, false, cancellationToken)).Count > 0;
        }

        var views = await PublishedStories.AtAsync(db, [.. found.Select(f => f.Position)], cancellationToken);
        var fromWalk = found.ToDictionary(f => f.Position, f => f.Text);
        var byId = views.ToDictionary(v => v.PublicId, v => snippetOf?.Invoke(v) ?? fromWalk[v.Position], StringComparer.Ordinal);
        return views.Count == 0
            ? new StoryPage(views, null, null)
            : new StoryPage(views, hasOlder ? views[^1].Cursor : null, hasNewer ? views[0].Cursor : null) { Snippets = byId };
    }

    /// <summary>
    /// "Most relevant": the <see cref="RelevanceWindow"/> newest matches within the filters, ranked by
    /// BM25 (the newest first among equals), paged by position. Each word's weight (its inverse
    /// document frequency) is estimated from the <see cref="RelevanceSample"/> newest published
    /// stories, so the ranking's work is bounded like its window (<see cref="Fts5Ranking"/>).
    /// </summary>
    public static async Task<(StoryPage Page, bool HasMore)> RelevantAsync(AppDbContext db, StoryFilter filter, int page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var match = filter.Match ?? throw new ArgumentException("A search needs words.", nameof(filter));
        if (db.Database.IsNpgsql())
        {
            return await PostgresStorySearch.RelevantAsync(db, filter, page, cancellationToken);
        }

        await using var connection = await db.HoldConnectionAsync(cancellationToken);
        var words = SearchSnippet.WordsOf(match);
        var weights = await WordWeightsAsync(db, words, RelevanceSample, cancellationToken);
        var skip = Math.Max(page - 1, 0) * PublishedStories.PageSize;
        // Only constants are spliced into the SQL (the shared WHERE, the window, the weights' names); every value is a parameter.
#pragma warning disable EF1002
        var positions = await db.Database.SqlQueryRaw<long>($"""
            SELECT Position AS Value FROM (
                SELECT -f.rowid AS Position, {Fts5Ranking.FunctionName}(StoriesFts{string.Concat(weights.Select((_, i) => $", @weight{i}"))}) AS Score
                {MatchingWithinFilters}
                ORDER BY f.rowid
                LIMIT {RelevanceWindow})
            ORDER BY Score, Position DESC
            LIMIT @take OFFSET @skip
            """,
            [
                .. Parameters(match, filter, long.MinValue, long.MaxValue),
                .. weights.Select((weight, i) => new SqliteParameter($"@weight{i}", weight)),
                new SqliteParameter("@take", PublishedStories.PageSize + 1),
                new SqliteParameter("@skip", skip),
            ])
            .ToListAsync(cancellationToken);
#pragma warning restore EF1002
        var stories = await PublishedStories.AtAsync(db, [.. positions.Take(PublishedStories.PageSize)], cancellationToken);
        // The passages are made from the texts the page has already read: FTS5's snippet() of chosen
        // rows is a second walk, a MATCH per row (1.9 ms at a million stories, the ranking itself 1.1 ms).
        var results = new StoryPage(stories, null, null) { Snippets = SearchSnippet.Of(stories, words) };
        return (results, positions.Count > PublishedStories.PageSize);
    }

    /// <summary>
    /// How many of the newest published stories "most relevant" weighs each word against: BM25's
    /// inverse document frequency of a word is estimated from them. FTS5's <c>bm25()</c> counted over
    /// the whole index on every search — for two common words at a million stories 19 of 21 ms
    /// (decision 0022); counted among the newest 20,000, a word in nearly every story costs about 2 ms.
    /// </summary>
    public const int RelevanceSample = 20_000;

    /// <summary>
    /// Each word's BM25 weight among the <paramref name="sample"/> newest published stories (all of
    /// them when there are fewer): a word that none of them holds weighs the most, a word that most of
    /// them hold next to nothing, as in FTS5's <c>bm25()</c>.
    /// </summary>
    internal static async Task<double[]> WordWeightsAsync(AppDbContext db, IReadOnlyList<string> words, int sample, CancellationToken cancellationToken)
    {
        if (words.Count == 1)
        {
            // One word's weight multiplies every score alike: it cannot change the order, so it is not counted.
            return [1d];
        }

        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        // The oldest story of the sample, found by skipping along the index (0.4 ms at a million; a
        // count and a minimum over the same 20,000 rows took 1.2 ms).
        command.CommandText = "SELECT PublicOrder FROM Stories WHERE Status = 'Published' ORDER BY PublicOrder DESC LIMIT 1 OFFSET @skip";
        command.Parameters.AddWithValue("@skip", sample - 1);
        long stories = sample;
        var oldest = await command.ExecuteScalarAsync(cancellationToken) as long?;
        if (oldest is null)
        {
            // Fewer published stories than the sample: all of them.
            command.CommandText = "SELECT count(*) FROM Stories WHERE Status = 'Published'";
            stories = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        // The index's row id is the public order negated: the sample is the row ids up to -oldest.
        command.CommandText = "SELECT count(*) FROM StoriesFts WHERE StoriesFts MATCH @word AND rowid <= @highestRowid";
        command.Parameters.Clear();
        var word = command.Parameters.Add("@word", SqliteType.Text);
        command.Parameters.AddWithValue("@highestRowid", oldest is { } bound ? -bound : long.MaxValue);
        var weights = new double[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            word.Value = Phrase(words[i]);
            var holding = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            weights[i] = Fts5Ranking.InverseDocumentFrequency(stories, holding);
        }

        return weights;
    }

    /// <summary>A snippet cut into plain and highlighted pieces, for the view to encode one by one.</summary>
    public static IReadOnlyList<(string Text, bool Highlighted)> Pieces(string snippet)
    {
        ArgumentNullException.ThrowIfNull(snippet);
        var pieces = new List<(string, bool)>();
        var highlighted = false;
        var current = new System.Text.StringBuilder();
        foreach (var c in snippet)
        {
            if (c is HighlightStart or HighlightEnd)
            {
                if (current.Length > 0)
                {
                    pieces.Add((current.ToString(), highlighted));
                    current.Clear();
                }

                highlighted = c == HighlightStart;
                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            pieces.Add((current.ToString(), highlighted));
        }

        return pieces;
    }

    /// <summary>
    /// Matches strictly between <paramref name="above"/> and <paramref name="below"/> in the public
    /// order, within the filters, newest (or oldest) first: the index walks its own order and stops at
    /// <paramref name="limit"/>.
    /// </summary>
#pragma warning disable EF1002 // only constants are spliced in (the shared WHERE, the direction, the highlight marks); every value is a parameter
    private static Task<List<Snippet>> MatchesAsync(AppDbContext db, string match, StoryFilter filter, long above, long below, bool newestFirst, int limit, bool snippets, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<Snippet>(
            $"""
            SELECT -f.rowid AS Position, {(snippets ? SnippetOfBody : "''")} AS Text
            {MatchingWithinFilters}
            ORDER BY f.rowid {(newestFirst ? "ASC" : "DESC")} LIMIT @take
            """,
            [.. Parameters(match, filter, above, below), new SqliteParameter("@take", limit)])
            .ToListAsync(cancellationToken);
#pragma warning restore EF1002

    /// <summary>About 24 words of the text around the matched ones, each match between the marker characters.</summary>
    private static readonly string SnippetOfBody = $"snippet(StoriesFts, 1, char({(int)HighlightStart}), char({(int)HighlightEnd}), '…', 24)";

    /// <summary>
    /// The published matches of <c>@match</c> strictly between <c>@above</c> and <c>@below</c> in the
    /// public order, within the filters. The index drives: its row id is the public order negated,
    /// so the newest match is its first row (FTS5 reads a word's rows fastest in ascending order:
    /// descending, it read the whole list of a word in nearly every story, 5.6 ms at a million).
    /// </summary>
    private const string MatchingWithinFilters = """
        FROM StoriesFts f JOIN Stories s ON s.PublicOrder = -f.rowid
        WHERE StoriesFts MATCH @match AND f.rowid > @lowestRowid AND f.rowid < @highestRowid AND s.Status = 'Published'
          AND (@country IS NULL OR s.CountryCode = @country)
          AND (@language IS NULL OR s.Language = @language)
          AND (@year IS NULL OR s.Year = @year)
          AND (@setting IS NULL OR EXISTS (SELECT 1 FROM StoryTags t WHERE t.StoryId = s.Id AND t.Kind = @settingKind AND t.Key = @setting))
          AND (@experience IS NULL OR EXISTS (SELECT 1 FROM StoryTags t WHERE t.StoryId = s.Id AND t.Kind = @experienceKind AND t.Key = @experience))
        """;

    private static SqliteParameter[] Parameters(string match, StoryFilter filter, long above, long below) =>
    [
        new("@match", match),
        // Between above and below in the public order is between -below and -above in the index.
        new("@lowestRowid", below == long.MaxValue ? long.MinValue : -below),
        new("@highestRowid", above == long.MinValue ? long.MaxValue : -above),
        new("@country", (object?)filter.Country ?? DBNull.Value),
        new("@language", (object?)filter.Language ?? DBNull.Value),
        new("@year", (object?)filter.Year ?? DBNull.Value),
        new("@setting", (object?)filter.Setting ?? DBNull.Value),
        new("@experience", (object?)filter.Experience ?? DBNull.Value),
        new("@settingKind", (int)TaxonomyKind.Setting),
        new("@experienceKind", (int)TaxonomyKind.Experience),
    ];
}
