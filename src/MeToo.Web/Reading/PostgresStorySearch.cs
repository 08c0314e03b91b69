using System.Data;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace MeToo.Web.Reading;

/// <summary>
/// <see cref="StorySearch"/> on PostgreSQL: the same words (the reader's letters and digits, each a
/// whole word, all required), the same filters, the same order and cursors — newest first by the
/// public order — and snippets marked with the same characters. The words meet the stories'
/// <c>SearchVector</c> (<see cref="PostgresSearch"/>) through <c>plainto_tsquery</c> of the
/// <c>metoo</c> configuration, so reader syntax stays inert: <c>&amp;</c>, <c>|</c>, <c>!</c>,
/// <c>:*</c> and quotes never reach the parser (only letters and digits are passed).
/// </summary>
internal static class PostgresStorySearch
{
    public static async Task<StoryPage> PageAsync(AppDbContext db, StoryFilter filter, string? after, string? before, CancellationToken cancellationToken)
    {
        var words = WordsOf(filter.Match!);
        List<StorySearch.Snippet> found;
        bool hasOlder, hasNewer;
        if (PublishedStories.TryParseCursor(before, out var newerThan))
        {
            found = await MatchesAsync(db, words, filter, newerThan, long.MaxValue, newestFirst: false, PublishedStories.PageSize + 1, snippets: true, cancellationToken);
            hasNewer = found.Count > PublishedStories.PageSize;
            found = [.. found.Take(PublishedStories.PageSize).Reverse()];
            hasOlder = found.Count > 0 && (await MatchesAsync(db, words, filter, long.MinValue, found[^1].Position, newestFirst: true, 1, snippets: false, cancellationToken)).Count > 0;
        }
        else
        {
            var olderThan = PublishedStories.TryParseCursor(after, out var cursor) ? cursor : long.MaxValue;
            found = await MatchesAsync(db, words, filter, long.MinValue, olderThan, newestFirst: true, PublishedStories.PageSize + 1, snippets: true, cancellationToken);
            hasOlder = found.Count > PublishedStories.PageSize;
            found = [.. found.Take(PublishedStories.PageSize)];
            hasNewer = after is not null && found.Count > 0 && (await MatchesAsync(db, words, filter, found[0].Position, long.MaxValue, newestFirst: false, 1, snippets: false, cancellationToken)).Count > 0;
        }

        var views = await PublishedStories.AtAsync(db, [.. found.Select(f => f.Position)], cancellationToken);
        var snippets = found.ToDictionary(f => f.Position, f => f.Text);
        var byId = views.ToDictionary(v => v.PublicId, v => snippets[v.Position], StringComparer.Ordinal);
        return views.Count == 0
            ? new StoryPage(views, null, null)
            : new StoryPage(views, hasOlder ? views[^1].Cursor : null, hasNewer ? views[0].Cursor : null) { Snippets = byId };
    }

    /// <summary>"Most relevant": the same window of newest matches as on SQLite, ranked by <c>ts_rank</c>, the newest first among equals.</summary>
    public static async Task<(StoryPage Page, bool HasMore)> RelevantAsync(AppDbContext db, StoryFilter filter, int page, CancellationToken cancellationToken)
    {
        var words = WordsOf(filter.Match!);
        var skip = Math.Max(page - 1, 0) * PublishedStories.PageSize;
#pragma warning disable EF1002 // only constants are spliced in (the shared WHERE, the window); every value is a parameter
        var positions = await db.Database.SqlQueryRaw<long>($"""
            SELECT "Position" AS "Value" FROM (
                SELECT s."PublicOrder" AS "Position", ts_rank(s."SearchVector", {Query}) AS "Score"
                {MatchingWithinFilters}
                ORDER BY s."PublicOrder" DESC
                LIMIT {StorySearch.RelevanceWindow}) w
            ORDER BY "Score" DESC, "Position" DESC
            LIMIT @take OFFSET @skip
            """,
            [.. Parameters(words, filter, long.MinValue, long.MaxValue), Integer("@take", PublishedStories.PageSize + 1), Integer("@skip", skip)])
            .ToListAsync(cancellationToken);
        var stories = await PublishedStories.AtAsync(db, [.. positions.Take(PublishedStories.PageSize)], cancellationToken);
        var chosen = stories.Select(s => s.Position).ToArray();
        var snippets = chosen.Length == 0 ? [] : await db.Database.SqlQueryRaw<StorySearch.Snippet>($"""
            SELECT s."PublicOrder" AS "Position", {Headline} AS "Text"
            FROM "Stories" s
            WHERE s."PublicOrder" = ANY(@positions)
            """,
            Text("@words", words), new NpgsqlParameter("@positions", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = chosen }, Text("@marks", HeadlineOptions))
            .ToListAsync(cancellationToken);
#pragma warning restore EF1002
        var byPosition = snippets.ToDictionary(s => s.Position, s => s.Text);
        var results = new StoryPage(stories, null, null)
        {
            Snippets = stories.Where(s => byPosition.ContainsKey(s.Position)).ToDictionary(s => s.PublicId, s => byPosition[s.Position], StringComparer.Ordinal),
        };
        return (results, positions.Count > PublishedStories.PageSize);
    }

    /// <summary>The words of a match made by <see cref="StorySearch.ToMatch"/> (letters and digits, each quoted).</summary>
    private static string WordsOf(string match) => string.Join(' ', match.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('"')));

#pragma warning disable EF1002 // only constants are spliced in (the shared WHERE, the direction, the headline); every value is a parameter
    private static Task<List<StorySearch.Snippet>> MatchesAsync(AppDbContext db, string words, StoryFilter filter, long above, long below, bool newestFirst, int limit, bool snippets, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<StorySearch.Snippet>(
            // The headline is made for the rows of the page only, after the limit.
            $"""
            SELECT m."Position", {(snippets ? HeadlineOf("m") : "''")} AS "Text"
            FROM (SELECT s."PublicOrder" AS "Position", s."Body"
                  {MatchingWithinFilters}
                  ORDER BY s."PublicOrder" {(newestFirst ? "DESC" : "ASC")} LIMIT @take) m
            ORDER BY m."Position" {(newestFirst ? "DESC" : "ASC")}
            """,
            [.. Parameters(words, filter, above, below), Integer("@take", limit), Text("@marks", HeadlineOptions)])
            .ToListAsync(cancellationToken);
#pragma warning restore EF1002

    /// <summary>About 24 words of the text around the matched ones, each match between the marker characters.</summary>
    private static readonly string HeadlineOptions =
        $"StartSel={StorySearch.HighlightStart}, StopSel={StorySearch.HighlightEnd}, MaxWords=24, MinWords=12, ShortWord=2, HighlightAll=false";

    private static string HeadlineOf(string row) => $"ts_headline('{PostgresSearch.Configuration}', {row}.\"Body\", {Query}, @marks)";

    /// <summary>The reader's words as a query: each a lexeme, all required (only letters and digits ever reach it).</summary>
    private const string Query = $"plainto_tsquery('{PostgresSearch.Configuration}', @words)";

    private static readonly string Headline = HeadlineOf("s");

    private const string MatchingWithinFilters = $"""
        FROM "Stories" s
        WHERE s."Status" = 'Published' AND s."{PostgresSearch.Column}" @@ {Query}
          AND s."PublicOrder" > @above AND s."PublicOrder" < @below
          AND (@country IS NULL OR s."CountryCode" = @country)
          AND (@year IS NULL OR s."Year" = @year)
          AND (@setting IS NULL OR EXISTS (SELECT 1 FROM "StoryTags" t WHERE t."StoryId" = s."Id" AND t."Kind" = @settingKind AND t."Key" = @setting))
          AND (@experience IS NULL OR EXISTS (SELECT 1 FROM "StoryTags" t WHERE t."StoryId" = s."Id" AND t."Kind" = @experienceKind AND t."Key" = @experience))
        """;

    private static NpgsqlParameter[] Parameters(string words, StoryFilter filter, long above, long below) =>
    [
        Text("@words", words),
        new("@above", NpgsqlDbType.Bigint) { Value = above },
        new("@below", NpgsqlDbType.Bigint) { Value = below },
        Text("@country", filter.Country),
        new("@year", NpgsqlDbType.Integer) { Value = (object?)filter.Year ?? DBNull.Value },
        Text("@setting", filter.Setting),
        Text("@experience", filter.Experience),
        Integer("@settingKind", (int)TaxonomyKind.Setting),
        Integer("@experienceKind", (int)TaxonomyKind.Experience),
    ];

    private static NpgsqlParameter Text(string name, string? value) => new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Integer(string name, int value) => new(name, DbType.Int32) { Value = value };
}
