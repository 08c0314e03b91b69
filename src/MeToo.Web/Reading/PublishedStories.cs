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

    /// <summary>The cursor of this story in the public order: its publication day and random id.</summary>
    public string Cursor => $"{PublishedOn:yyyyMMdd}-{PublicId}";

    /// <summary>Its place in the public order (<see cref="Domain.PublicOrder"/>).</summary>
    public long Position => Domain.PublicOrder.Of(PublishedOn, PublicId);
}

/// <summary>The filters of the browse page; unknown values are dropped, not trusted.</summary>
public sealed record StoryFilter(string? Setting, string? Experience, string? Country, int? Year, string? Match = null)
{
    public static readonly StoryFilter None = new(null, null, null, null);

    public bool IsEmpty => Setting is null && Experience is null && Country is null && Year is null && Match is null;
}

public sealed record StoryPage(IReadOnlyList<StoryView> Stories, string? OlderCursor, string? NewerCursor);

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

        var query = Filtered(db, filter);
        List<Story> stories;
        bool hasOlder, hasNewer;
        if (TryParseCursor(before, out var newerThan))
        {
            stories = await query.Where(s => s.PublicOrder > newerThan)
                .OrderBy(s => s.PublicOrder)
                .Take(PageSize + 1)
                .Include(s => s.Tags)
                .ToListAsync(cancellationToken);
            hasNewer = stories.Count > PageSize;
            stories = [.. stories.Take(PageSize).Reverse()];
            var last = stories.Count > 0 ? stories[^1].PublicOrder : null;
            hasOlder = last is not null && await query.AnyAsync(s => s.PublicOrder < last, cancellationToken);
        }
        else
        {
            if (TryParseCursor(after, out var olderThan))
            {
                query = query.Where(s => s.PublicOrder < olderThan);
            }

            stories = await query
                .OrderByDescending(s => s.PublicOrder)
                .Take(PageSize + 1)
                .Include(s => s.Tags)
                .ToListAsync(cancellationToken);
            hasOlder = stories.Count > PageSize;
            stories = [.. stories.Take(PageSize)];
            var first = stories.Count > 0 ? stories[0].PublicOrder : null;
            hasNewer = after is not null && first is not null && await Filtered(db, filter).AnyAsync(s => s.PublicOrder > first, cancellationToken);
        }

        var views = stories.Select(StoryView.From).ToList();
        return views.Count == 0
            ? new StoryPage(views, null, null)
            : new StoryPage(views, hasOlder ? views[^1].Cursor : null, hasNewer ? views[0].Cursor : null);
    }

    public static async Task<IReadOnlyList<StoryView>> LatestAsync(AppDbContext db, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stories = await Filtered(db, StoryFilter.None)
            .OrderByDescending(s => s.PublicOrder)
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
        var stories = (await db.Stories.AsNoTracking()
                .Where(s => s.Status == StoryStatus.Published && wanted.Contains(s.PublicOrder))
                .Include(s => s.Tags)
                .ToListAsync(cancellationToken))
            .ToDictionary(s => s.PublicOrder!.Value);
        return [.. positions.Where(stories.ContainsKey).Select(p => StoryView.From(stories[p]))];
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

    /// <summary>"Most supported": by the rank snapshot, keyset on the rank (cursor <c>r{rank}</c>).</summary>
    public static async Task<StoryPage> MostSupportedAsync(AppDbContext db, StoryFilter filter, string? after, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var afterRank = after is { Length: > 1 and < 12 } && after[0] == 'r' && int.TryParse(after[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var rank) ? rank : 0;
        var rows = await Filtered(db, filter with { Match = null })
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

    /// <summary>Published stories within the filters (words are <see cref="StorySearch"/>'s).</summary>
    private static IQueryable<Story> Filtered(AppDbContext db, StoryFilter filter)
    {
        var query = db.Stories.AsNoTracking().Where(s => s.Status == StoryStatus.Published && s.PublicOrder != null);
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

        return query;
    }
}
