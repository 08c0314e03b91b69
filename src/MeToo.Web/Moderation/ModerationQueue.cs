using MeToo.Web.Data;
using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Moderation;

/// <summary>What a moderator sees of one item in the queue; never the text itself.</summary>
public sealed record QueueItem(
    string PublicId,
    string? Title,
    DateOnly SubmittedOn,
    int Length,
    bool IsRevision,
    bool IsPriority,
    string? ClaimedBy,
    DateTime? ClaimedUntilUtc,
    IReadOnlyList<ScreeningMarker> Markers,
    int Reports,
    string Language)
{
    public bool IsTakenBy(string? moderator, DateTime now) =>
        ClaimedBy is not null && ClaimedBy != moderator && ClaimedUntilUtc > now;
}

/// <summary>
/// The queue: stories waiting for a decision (<see cref="Story.AwaitsDecision"/>: new, back in
/// review, or a published story's edit), hidden-after-reports first, then oldest first by internal
/// sequence. Each item names the version approval would publish (<see cref="Story.PublishedOnApproval"/>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is the moderators' queue, not a collection type.")]
public static class ModerationQueue
{
    public const int PageSize = 100;

    /// <summary>Decisions in a row after which the pages suggest a break.</summary>
    public const int BreakAfter = 25;

    public static readonly TimeSpan BreakWindow = TimeSpan.FromMinutes(90);

    private static readonly string[] Decisions =
    [
        StaffActions.StoryApproved, StaffActions.ChangesRequested, StaffActions.StoryRejected, StaffActions.StoryRedacted,
        StaffActions.RevisionApproved, StaffActions.RevisionDeclined, StaffActions.StoryRemoved, StaffActions.ReportsDismissed,
        StaffActions.StoryKept, StaffActions.ReturnedToReview,
    ];

    public static IQueryable<Story> Waiting(AppDbContext db) =>
        db.Stories.AsNoTracking()
            .Where(Story.AwaitsDecision)
            .OrderByDescending(s => s.IsPriority)
            .ThenBy(s => s.Id);

    /// <summary>
    /// The stories waiting whose version to decide on is written in one of <paramref name="languages"/>
    /// (every story when null), in queue order.
    /// </summary>
    public static IQueryable<Story> WaitingIn(AppDbContext db, IReadOnlyCollection<string>? languages)
    {
        if (languages is null)
        {
            return Waiting(db);
        }

        var codes = languages.ToList();
        return Waiting(db).Where(s => codes.Contains(s.PendingRevision != null ? s.PendingRevision.Language : s.Language));
    }

    public static async Task<IReadOnlyList<QueueItem>> ItemsAsync(AppDbContext db, IReadOnlyCollection<string>? languages, CancellationToken cancellationToken = default)
    {
        var rows = await WaitingIn(db, languages)
            .Take(PageSize)
            .Select(s => new
            {
                s.Id,
                s.PublicId,
                Title = s.PendingRevision != null ? s.PendingRevision.Title : s.Title,
                SubmittedOn = s.PendingRevision != null ? s.PendingRevision.SubmittedOn : s.SubmittedOn,
                Length = s.PendingRevision != null ? s.PendingRevision.Body.Length : s.Body.Length,
                IsRevision = s.PendingRevision != null,
                s.IsPriority,
                Claim = db.StoryClaims.Where(c => c.StoryId == s.Id).Select(c => new { c.ClaimedBy, c.ClaimedUntilUtc }).FirstOrDefault(),
                Reports = db.StoryReports.Count(r => r.StoryId == s.Id),
                Language = s.PendingRevision != null ? s.PendingRevision.Language : s.Language,
            })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var markers = (await db.ScreeningMarkers.AsNoTracking().Where(m => ids.Contains(m.StoryId)).ToListAsync(cancellationToken))
            .ToLookup(m => m.StoryId);
        return [.. rows.Select(r => new QueueItem(r.PublicId, r.Title, r.SubmittedOn, r.Length, r.IsRevision, r.IsPriority, r.Claim?.ClaimedBy, r.Claim?.ClaimedUntilUtc, [.. markers[r.Id]], r.Reports, r.Language))];
    }

    /// <summary>The public ids before and after <paramref name="publicId"/> in queue order.</summary>
    public static async Task<(string? Previous, string? Next)> NeighboursAsync(AppDbContext db, string publicId, CancellationToken cancellationToken = default)
    {
        var order = await Waiting(db).Select(s => s.PublicId).Take(1000).ToListAsync(cancellationToken);
        var index = order.IndexOf(publicId);
        if (index < 0)
        {
            return (null, order.FirstOrDefault());
        }

        return (index > 0 ? order[index - 1] : null, index + 1 < order.Count ? order[index + 1] : null);
    }

    /// <summary>True after a long run of decisions: time to suggest a break.</summary>
    public static async Task<bool> LongRunAsync(AppDbContext db, Actor moderator, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        var since = nowUtc - BreakWindow;
        var name = moderator.Name;
        return await db.StaffAudit.CountAsync(e => e.Actor == name && e.AtUtc >= since && Decisions.Contains(e.Action), cancellationToken) >= BreakAfter;
    }
}
