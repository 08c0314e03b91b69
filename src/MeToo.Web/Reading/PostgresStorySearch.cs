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
/// public order — and snippets marked with the same characters (made from the text by
/// <see cref="SearchSnippet"/>). The words meet the stories'
/// <c>SearchVector</c> (<see cref="PostgresSearch"/>) through <c>plainto_tsquery</c> of the
/// <c>metoo</c> configuration, so reader syntax stays inert: <c>&amp;</c>, <c>|</c>, <c>!</c>,
/// <c>:*</c> and quotes never reach the parser (only letters and digits are passed).
/// </summary>
internal static class PostgresStorySearch
{
    /// <summary>A page of matches, newest first, through the paging routine both engines share.</summary>
    public static Task<StoryPage> PageAsync(AppDbContext db, StoryFilter filter, string? after, string? before, CancellationToken cancellationToken)
    {
        var list = SearchSnippet.WordsOf(filter.Match!);
        var words = string.Join(' ', list);
        return StorySearch.PageOfMatchesAsync(
            db,
            async (above, below, newestFirst, limit, _, token) =>
                [.. (await MatchesAsync(db, words, filter, above, below, newestFirst, limit, token)).Select(p => new StorySearch.Snippet(p, string.Empty))],
            view => SearchSnippet.Make(view.Body, list),
            after,
            before,
            cancellationToken);
    }

    /// <summary>"Most relevant": the same window of newest matches as on SQLite, ranked by <c>ts_rank</c>, the newest first among equals.</summary>
    public static async Task<(StoryPage Page, bool HasMore)> RelevantAsync(AppDbContext db, StoryFilter filter, int page, CancellationToken cancellationToken)
    {
        var list = SearchSnippet.WordsOf(filter.Match!);
        var words = string.Join(' ', list);
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
#pragma warning restore EF1002
        var stories = await PublishedStories.AtAsync(db, [.. positions.Take(PublishedStories.PageSize)], cancellationToken);
        return (new StoryPage(stories, null, null) { Snippets = SearchSnippet.Of(stories, list) }, positions.Count > PublishedStories.PageSize);
    }

#pragma warning disable EF1002 // only constants are spliced in (the shared WHERE, the direction); every value is a parameter
    private static Task<List<long>> MatchesAsync(AppDbContext db, string words, StoryFilter filter, long above, long below, bool newestFirst, int limit, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<long>(
            $"""
            SELECT s."PublicOrder" AS "Value"
            {MatchingWithinFilters}
            ORDER BY s."PublicOrder" {(newestFirst ? "DESC" : "ASC")} LIMIT @take
            """,
            [.. Parameters(words, filter, above, below), Integer("@take", limit)])
            .ToListAsync(cancellationToken);
#pragma warning restore EF1002

    /// <summary>The reader's words as a query: each a lexeme, all required (only letters and digits ever reach it).</summary>
    private const string Query = $"plainto_tsquery('{PostgresSearch.Configuration}', @words)";

    private const string MatchingWithinFilters = $"""
        FROM "Stories" s
        WHERE s."Status" = 'Published' AND s."{PostgresSearch.Column}" @@ {Query}
          AND s."PublicOrder" > @above AND s."PublicOrder" < @below
          AND (@country IS NULL OR s."CountryCode" = @country)
          AND (@language IS NULL OR s."Language" = @language)
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
        Text("@language", filter.Language),
        new("@year", NpgsqlDbType.Integer) { Value = (object?)filter.Year ?? DBNull.Value },
        Text("@setting", filter.Setting),
        Text("@experience", filter.Experience),
        Integer("@settingKind", (int)TaxonomyKind.Setting),
        Integer("@experienceKind", (int)TaxonomyKind.Experience),
    ];

    private static NpgsqlParameter Text(string name, string? value) => new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Integer(string name, int value) => new(name, DbType.Int32) { Value = value };
}
