using System.Globalization;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Reading;

/// <summary>What readers see of a published story, in a list or on its page.</summary>
public sealed record StoryView(
    string PublicId,
    string? Title,
    string Body,
    string? DisplayName,
    DateOnly PublishedOn,
    int SupportCount,
    int? Year,
    string? CountryCode,
    IReadOnlyList<string> Settings,
    IReadOnlyList<string> Experiences,
    IReadOnlyList<string> ContentWarnings,
    string Language)
{
    public string Month => PublishedOn.ToString("MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>The cursor of this story in the public order: its publication day and random id.</summary>
    public string Cursor => $"{PublishedOn:yyyyMMdd}-{PublicId}";

    /// <summary>Its place in the public order (<see cref="Domain.PublicOrder"/>).</summary>
    public long Position => Domain.PublicOrder.Of(PublishedOn, PublicId);
}

/// <summary>The filters of the browse page; unknown values are dropped, not trusted.</summary>
public sealed record StoryFilter(string? Setting, string? Experience, string? Country, int? Year, string? Match = null, string? Language = null)
{
    public static readonly StoryFilter None = new(null, null, null, null);

    public bool IsEmpty => Setting is null && Experience is null && Country is null && Year is null && Match is null && Language is null;
}

public sealed record StoryPage(IReadOnlyList<StoryView> Stories, string? OlderCursor, string? NewerCursor)
{
    /// <summary>For a search: a passage of each story around the matched words, by public id (<see cref="StorySearch"/>).</summary>
    public IReadOnlyDictionary<string, string> Snippets { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// Reads published stories in the public order — newest publication day first, the random public
/// id breaking ties (<see cref="PublicOrder"/>) — with keyset paging on that one indexed integer.
/// The order says nothing about submission order, and a cursor stays valid even if the story it
/// names is withdrawn. Searches go through <see cref="StorySearch"/> in the same order.
/// </summary>
public static class PublishedStories
{
    public const int PageSize = 20;

    public static async Task<StoryPage> PageAsync(
        AppDbContext db, StoryFilter filter, string? after, string? before, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Match is not null)
        {
            return await StorySearch.PageAsync(db, filter, after, before, cancellationToken);
        }

        await using var connection = await db.HoldConnectionAsync(cancellationToken);
        var query = Filtered(db, filter);
        List<StoryView> views;
        bool hasOlder, hasNewer;
        if (TryParseCursor(before, out var newerThan))
        {
            views = await ViewsAsync(db, Rows(query.Where(s => s.PublicOrder > newerThan).OrderBy(s => s.PublicOrder).Take(PageSize + 1)), cancellationToken);
            hasNewer = views.Count > PageSize;
            views = [.. views.Take(PageSize).Reverse()];
            var last = views.Count > 0 ? views[^1].Position : (long?)null;
            hasOlder = last is not null && await query.AnyAsync(s => s.PublicOrder < last, cancellationToken);
        }
        else
        {
            if (TryParseCursor(after, out var olderThan))
            {
                query = query.Where(s => s.PublicOrder < olderThan);
            }

            views = await ViewsAsync(db, Rows(query.OrderByDescending(s => s.PublicOrder).Take(PageSize + 1)), cancellationToken);
            hasOlder = views.Count > PageSize;
            views = [.. views.Take(PageSize)];
            var first = views.Count > 0 ? views[0].Position : (long?)null;
            hasNewer = after is not null && first is not null && await Filtered(db, filter).AnyAsync(s => s.PublicOrder > first, cancellationToken);
        }

        return views.Count == 0
            ? new StoryPage(views, null, null)
            : new StoryPage(views, hasOlder ? views[^1].Cursor : null, hasNewer ? views[0].Cursor : null);
    }

    public static async Task<IReadOnlyList<StoryView>> LatestAsync(AppDbContext db, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await ViewsAsync(db, Rows(Filtered(db, StoryFilter.None).OrderByDescending(s => s.PublicOrder).Take(count)), cancellationToken);
    }

    public static Task<int> CountAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Stories.CountAsync(s => s.Status == StoryStatus.Published, cancellationToken);
    }

    public static async Task<StoryView?> FindAsync(AppDbContext db, string publicId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        // The public id is unique: no row limit (one without an order is what EF Core warns about).
        var views = await ViewsAsync(db, Rows(db.Stories.Where(s => s.PublicId == publicId && s.Status == StoryStatus.Published)), cancellationToken);
        return views.Count == 0 ? null : views[0];
    }

    /// <summary>The stories at the given places in the public order, in that order.</summary>
    public static async Task<IReadOnlyList<StoryView>> AtAsync(AppDbContext db, IReadOnlyList<long> positions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(positions);
        if (positions.Count == 0)
        {
            return [];
        }

        var wanted = positions.Cast<long?>().ToList();
        var stories = (await ViewsAsync(db, Rows(db.Stories.Where(s => s.Status == StoryStatus.Published && wanted.Contains(s.PublicOrder))), cancellationToken))
            .ToDictionary(s => s.Position);
        return [.. positions.Where(stories.ContainsKey).Select(p => stories[p])];
    }

    /// <summary>A cursor (<c>yyyyMMdd-publicid</c>) as a place in the public order.</summary>
    public static bool TryParseCursor(string? cursor, out long position)
    {
        position = default;
        if (cursor is not { Length: 8 + 1 + Privacy.PublicId.Length } || cursor[8] != '-')
        {
            return false;
        }

        var publicId = cursor[9..];
        if (!Privacy.PublicId.IsWellFormed(publicId)
            || !DateOnly.TryParseExact(cursor[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return false;
        }

        position = PublicOrder.Of(day, publicId);
        return true;
    }

    /// <summary>
    /// "Most supported": by support, most first, the random public id breaking ties — read live from
    /// the index <c>(Status, SupportCount DESC, PublicId DESC)</c>, keyset on the pair (cursor
    /// <c>s{count}-{publicId}</c>, a row-value seek). Counts only grow, so a story already shown
    /// stays above the cursor and is never shown twice while a reader pages on; one that rises past
    /// the reader's place is on the first page.
    /// </summary>
    public static async Task<StoryPage> MostSupportedAsync(AppDbContext db, StoryFilter filter, string? after, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var stories = TryParseSupportCursor(after, out var count, out var publicId)
            ? db.Stories.FromSql($"""SELECT * FROM "Stories" WHERE ("SupportCount", "PublicId") < ({count}, {publicId})""")
            : db.Stories;
        var views = await ViewsAsync(db, Rows(Filtered(stories, filter with { Match = null })
            .OrderByDescending(s => s.SupportCount).ThenByDescending(s => s.PublicId)
            .Take(PageSize + 1)), cancellationToken);
        var older = views.Count > PageSize ? SupportCursor(views[PageSize - 1]) : null;
        return new StoryPage([.. views.Take(PageSize)], older, null);
    }

    private static string SupportCursor(StoryView story) =>
        "s" + story.SupportCount.ToString(CultureInfo.InvariantCulture) + "-" + story.PublicId;

    private static bool TryParseSupportCursor(string? cursor, out int count, out string publicId)
    {
        count = 0;
        publicId = string.Empty;
        var dash = cursor?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        if (cursor is not { Length: > 2 } || cursor[0] != 's' || dash < 2
            || !int.TryParse(cursor.AsSpan(1, dash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out count)
            || !Privacy.PublicId.IsWellFormed(cursor[(dash + 1)..]))
        {
            return false;
        }

        publicId = cursor[(dash + 1)..];
        return true;
    }

    /// <summary>The columns a reader sees, without the entity: what the list and the story's page show, and no more.</summary>
    private sealed record Row(long Id, string PublicId, string? Title, string Body, string? DisplayName, DateOnly? PublishedOn, DateOnly SubmittedOn, int SupportCount, int? Year, string? CountryCode, string Language);

    private static IQueryable<Row> Rows(IQueryable<Story> stories) =>
        stories.AsNoTracking().Select(s => new Row(s.Id, s.PublicId, s.Title, s.Body, s.DisplayName, s.PublishedOn, s.SubmittedOn, s.SupportCount, s.Year, s.CountryCode, s.Language));

    private static async Task<List<StoryView>> ViewsAsync(AppDbContext db, IQueryable<Row> rows, CancellationToken cancellationToken) =>
        [.. (await WithIdsAsync(db, rows, cancellationToken)).Select(p => p.View)];

    /// <summary>Two queries, as a hand-written page would: the rows, then every tag of those rows at once.</summary>
    private static async Task<List<(long Id, StoryView View)>> WithIdsAsync(AppDbContext db, IQueryable<Row> rows, CancellationToken cancellationToken)
    {
        await using var connection = await db.HoldConnectionAsync(cancellationToken);
        var found = await rows.ToListAsync(cancellationToken);
        if (found.Count == 0)
        {
            return [];
        }

        var ids = found.Select(r => r.Id).ToList();
        var tags = (await db.StoryTags.AsNoTracking()
                .Where(t => ids.Contains(t.StoryId))
                .OrderBy(t => t.StoryId).ThenBy(t => t.Kind).ThenBy(t => t.Key)
                .Select(t => new { t.StoryId, t.Kind, t.Key })
                .ToListAsync(cancellationToken))
            .ToLookup(t => t.StoryId);
        return [.. found.Select(r =>
        {
            var mine = tags[r.Id];
            IReadOnlyList<string> Of(TaxonomyKind kind) => [.. mine.Where(t => t.Kind == kind).Select(t => t.Key)];
            return (r.Id, new StoryView(r.PublicId, r.Title, r.Body, r.DisplayName, r.PublishedOn ?? r.SubmittedOn, r.SupportCount, r.Year, r.CountryCode,
                Of(TaxonomyKind.Setting), Of(TaxonomyKind.Experience), Of(TaxonomyKind.ContentWarning), r.Language));
        })];
    }

    /// <summary>Published stories within the filters (words are <see cref="StorySearch"/>'s).</summary>
    private static IQueryable<Story> Filtered(AppDbContext db, StoryFilter filter) => Filtered(db.Stories, filter);

    private static IQueryable<Story> Filtered(IQueryable<Story> stories, StoryFilter filter)
    {
        var query = stories.AsNoTracking().Where(s => s.Status == StoryStatus.Published && s.PublicOrder != null);
        if (filter.Setting is { } setting)
        {
            query = query.Where(s => s.Tags.Any(t => t.Kind == TaxonomyKind.Setting && t.Key == setting));
        }

        if (filter.Experience is { } experience)
        {
            query = query.Where(s => s.Tags.Any(t => t.Kind == TaxonomyKind.Experience && t.Key == experience));
        }

        if (filter.Country is { } country)
        {
            query = query.Where(s => s.CountryCode == country);
        }

        if (filter.Year is { } year)
        {
            query = query.Where(s => s.Year == year);
        }

        if (filter.Language is { } language)
        {
            query = query.Where(s => s.Language == language);
        }

        return query;
    }
}
