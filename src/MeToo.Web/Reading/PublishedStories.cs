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
    IReadOnlyList<string> ContentWarnings)
{
    public static StoryView From(Story story)
    {
        ArgumentNullException.ThrowIfNull(story);
        return new(
            story.PublicId,
            story.Title,
            story.Body,
            story.DisplayName,
            story.PublishedOn ?? story.SubmittedOn,
            story.SupportCount,
            story.Year,
            story.CountryCode,
            [.. story.Settings],
            [.. story.Experiences],
            [.. story.ContentWarnings]);
    }

    public string Month => PublishedOn.ToString("MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>The cursor of this story in the newest-first order: its publication day and random id.</summary>
    public string Cursor => $"{PublishedOn:yyyyMMdd}-{PublicId}";
}

/// <summary>The filters of the browse page; unknown values are dropped, not trusted.</summary>
public sealed record StoryFilter(string? Setting, string? Experience, string? Country, int? Year, string? Match = null)
{
    public static readonly StoryFilter None = new(null, null, null, null);

    public bool IsEmpty => Setting is null && Experience is null && Country is null && Year is null && Match is null;
}

public sealed record StoryPage(IReadOnlyList<StoryView> Stories, string? OlderCursor, string? NewerCursor);

/// <summary>
/// Reads published stories newest first with keyset paging on (published day, public id). The
/// random id breaks ties within a day, so the order says nothing about submission order, and a
/// cursor stays valid even if the story it names is withdrawn.
/// </summary>
public static class PublishedStories
{
    public const int PageSize = 20;

    public static async Task<StoryPage> PageAsync(
        AppDbContext db, StoryFilter filter, string? after, string? before, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var query = Filtered(db, filter);
        List<Story> stories;
        if (TryParseCursor(before, out var newerThan))
        {
            stories = await NewerThan(query, newerThan)
                .OrderBy(s => s.PublishedOn).ThenBy(s => s.PublicId)
                .Take(PageSize)
                .Include(s => s.Tags)
                .ToListAsync(cancellationToken);
            stories.Reverse();
        }
        else
        {
            if (TryParseCursor(after, out var olderThan))
            {
                query = OlderThan(query, olderThan);
            }

            stories = await query
                .OrderByDescending(s => s.PublishedOn).ThenByDescending(s => s.PublicId)
                .Take(PageSize)
                .Include(s => s.Tags)
                .ToListAsync(cancellationToken);
        }

        var views = stories.Select(StoryView.From).ToList();
        if (views.Count == 0)
        {
            return new StoryPage(views, null, null);
        }

        var first = (views[0].PublishedOn, views[0].PublicId);
        var last = (views[^1].PublishedOn, views[^1].PublicId);
        var hasOlder = await OlderThan(Filtered(db, filter), last).AnyAsync(cancellationToken);
        var hasNewer = await NewerThan(Filtered(db, filter), first).AnyAsync(cancellationToken);
        return new StoryPage(views, hasOlder ? views[^1].Cursor : null, hasNewer ? views[0].Cursor : null);
    }

    public static async Task<IReadOnlyList<StoryView>> LatestAsync(AppDbContext db, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stories = await Filtered(db, StoryFilter.None)
            .OrderByDescending(s => s.PublishedOn).ThenByDescending(s => s.PublicId)
            .Take(count)
            .Include(s => s.Tags)
            .ToListAsync(cancellationToken);
        return [.. stories.Select(StoryView.From)];
    }

    public static Task<int> CountAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Stories.CountAsync(s => s.Status == StoryStatus.Published, cancellationToken);
    }

    public static async Task<StoryView?> FindAsync(AppDbContext db, string publicId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var story = await db.Stories.AsNoTracking()
            .Include(s => s.Tags)
            .SingleOrDefaultAsync(s => s.PublicId == publicId && s.Status == StoryStatus.Published, cancellationToken);
        return story is null ? null : StoryView.From(story);
    }

    public static bool TryParseCursor(string? cursor, out (DateOnly Day, string PublicId) position)
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

        position = (day, publicId);
        return true;
    }

    /// <summary>
    /// Search results most relevant first: the ranked matches (bounded), kept if published and within
    /// the filters, paged by position (relevance has no stable key to page on).
    /// </summary>
    public static async Task<(IReadOnlyList<StoryView> Stories, bool HasMore)> RelevantAsync(
        AppDbContext db, StoryFilter filter, int page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var ranked = await StorySearch.RankedIdsAsync(db, filter.Match!, cancellationToken);
        var allowed = (await Filtered(db, filter with { Match = null }).Where(s => ranked.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet();
        var ordered = ranked.Where(allowed.Contains).ToList();
        var pageIds = ordered.Skip(Math.Max(page - 1, 0) * PageSize).Take(PageSize).ToList();
        var stories = await db.Stories.AsNoTracking().Where(s => pageIds.Contains(s.Id)).Include(s => s.Tags).ToListAsync(cancellationToken);
        var byId = stories.ToDictionary(s => s.Id);
        return ([.. pageIds.Where(byId.ContainsKey).Select(id => StoryView.From(byId[id]))], ordered.Count > page * PageSize);
    }

    /// <summary>"Most supported": by the rank snapshot, keyset on the rank (cursor <c>r{rank}</c>).</summary>
    public static async Task<StoryPage> MostSupportedAsync(AppDbContext db, StoryFilter filter, string? after, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var afterRank = after is { Length: > 1 } && after[0] == 'r' && int.TryParse(after[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var rank) ? rank : 0;
        var rows = await Filtered(db, filter)
            .Join(db.SupportRanks, s => s.Id, r => r.StoryId, (s, r) => new { s.Id, r.Rank })
            .Where(x => x.Rank > afterRank)
            .OrderBy(x => x.Rank)
            .Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        var pageRows = rows.Take(PageSize).ToList();
        var ids = pageRows.Select(r => r.Id).ToList();
        var stories = (await db.Stories.AsNoTracking().Where(s => ids.Contains(s.Id)).Include(s => s.Tags).ToListAsync(cancellationToken)).ToDictionary(s => s.Id);
        var views = pageRows.Where(r => stories.ContainsKey(r.Id)).Select(r => StoryView.From(stories[r.Id])).ToList();
        var older = rows.Count > PageSize ? "r" + pageRows[^1].Rank.ToString(CultureInfo.InvariantCulture) : null;
        return new StoryPage(views, older, null);
    }

    private static IQueryable<Story> Filtered(AppDbContext db, StoryFilter filter)
    {
        var query = db.Stories.AsNoTracking().Where(s => s.Status == StoryStatus.Published);
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

        if (filter.Match is { } match)
        {
            var matching = StorySearch.MatchingIds(db, match);
            query = query.Where(s => matching.Contains(s.Id));
        }

        return query;
    }

    // EF translates the two-argument string.Compare to SQL; public ids are lower-case ASCII, so
    // the database's binary collation is the ordinal order.
#pragma warning disable CA1309
    private static IQueryable<Story> OlderThan(IQueryable<Story> query, (DateOnly Day, string PublicId) p) =>
        query.Where(s => s.PublishedOn < p.Day || (s.PublishedOn == p.Day && string.Compare(s.PublicId, p.PublicId) < 0));

    private static IQueryable<Story> NewerThan(IQueryable<Story> query, (DateOnly Day, string PublicId) p) =>
        query.Where(s => s.PublishedOn > p.Day || (s.PublishedOn == p.Day && string.Compare(s.PublicId, p.PublicId) > 0));
#pragma warning restore CA1309
}
