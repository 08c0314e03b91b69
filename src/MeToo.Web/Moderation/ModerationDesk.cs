using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Moderation;

public enum DecisionResult
{
    Done,

    /// <summary>The story is gone (withdrawn, removed) or never existed.</summary>
    NotFound,

    /// <summary>Someone decided (or the author edited) since this moderator loaded it.</summary>
    Stale,

    /// <summary>Another moderator holds the claim.</summary>
    ClaimedByOther,

    /// <summary>The decision does not apply to the story as it stands.</summary>
    NotApplicable,
}

/// <summary>
/// Claims and every moderation decision, the reports queue's and bulk rejection's included. Each
/// decision names the version the moderator saw; a story that moved on since is refused as
/// <see cref="DecisionResult.Stale"/>, and the concurrency token catches two decisions racing on
/// the same version, so exactly one wins. What a decision does is <see cref="Story"/>'s rule; this
/// adds the claim check, the audit entry (saved with the decision, never without it), the WAL
/// checkpoint (a decision may overwrite or drop text) and the eviction of cached public pages.
/// </summary>
public sealed class ModerationDesk(
    AppDbContext db,
    StaffAuditLog audit,
    TimeProvider time,
    StoryPageEviction eviction,
    StoryErasure erasure,
    StoryScreening screening)
{
    /// <summary>How long a claim holds.</summary>
    public static readonly TimeSpan ClaimLength = TimeSpan.FromMinutes(10);

    public sealed record BulkResult(int Rejected, int Matching, int LeftToOthers, bool CountChanged);

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Claims a story for <paramref name="moderator"/> for a few minutes, in one atomic update that
    /// succeeds only if no one else holds a live claim. Renews the moderator's own claim.
    /// </summary>
    public async Task<bool> ClaimAsync(Actor moderator, string publicId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        var storyId = await db.Stories.Where(s => s.PublicId == publicId).Select(s => (long?)s.Id).SingleOrDefaultAsync(cancellationToken);
        if (storyId is not { } id)
        {
            return false;
        }

        var now = Now;
        var claim = await db.StoryClaims.SingleOrDefaultAsync(c => c.StoryId == id, cancellationToken);
        if (claim is null)
        {
            db.StoryClaims.Add(new StoryClaim(id, moderator.Name, now.Add(ClaimLength)));
        }
        else if (claim.IsHeldBySomeoneElse(moderator.Name, now))
        {
            return false;
        }
        else
        {
            claim.Renew(moderator.Name, now.Add(ClaimLength));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another moderator claimed it at the same moment (insert conflict or concurrency token).
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Who holds a live claim on the story, if anyone.</summary>
    public async Task<StoryClaim?> ClaimOnAsync(long storyId, CancellationToken cancellationToken = default)
    {
        var now = Now;
        return await db.StoryClaims.AsNoTracking().SingleOrDefaultAsync(c => c.StoryId == storyId && c.ClaimedUntilUtc > now, cancellationToken);
    }

    public Task<DecisionResult> ApproveAsync(Actor actor, string publicId, int version, IReadOnlyCollection<string> extraWarnings, ApprovalChoice? choice = null, CancellationToken cancellationToken = default) =>
        DecideAsync(actor, publicId, version, story => Audited(story.Approve(Today, extraWarnings, choice)), cancellationToken: cancellationToken);

    /// <summary>For an edit of a published story: declined, with the message for the author; the published version stays.</summary>
    public Task<DecisionResult> RequestChangesAsync(Actor actor, string publicId, int version, string message, CancellationToken cancellationToken = default) =>
        DecideAsync(actor, publicId, version, story => Audited(story.RequestChanges(message, Today)), cancellationToken: cancellationToken);

    /// <summary>For an edit of a published story: declined (the reason goes to the audit log); the published version stays.</summary>
    public Task<DecisionResult> RejectAsync(Actor actor, string publicId, int version, RejectionReason reason, string? note, CancellationToken cancellationToken = default) =>
        DecideAsync(actor, publicId, version, story => Audited(story.Reject(reason, note, Today), reason.ToString()), cancellationToken: cancellationToken);

    /// <summary>
    /// Redacts every version that can become public (<see cref="Story.Redact"/>); the markers are
    /// screened again over what remains, and the old text is overwritten and checkpointed away.
    /// </summary>
    public Task<DecisionResult> RedactAsync(Actor actor, string publicId, int version, Redaction live, Redaction? edit, CancellationToken cancellationToken = default) =>
        DecideAsync(actor, publicId, version, async story =>
        {
            story.Redact(live, edit, Today);
            story.ReplaceMarkers(await screening.MarkersAsync(ScreenedVersion.Of(story), story.Id, cancellationToken));
            return (StaffActions.StoryRedacted, null);
        }, keepClaim: true, cancellationToken: cancellationToken);

    /// <summary>Published → Pending, for another look (from the reports queue). A waiting edit is decided with it.</summary>
    public Task<DecisionResult> ReturnToReviewAsync(Actor actor, string publicId, int version, CancellationToken cancellationToken = default) =>
        DecideAsync(actor, publicId, version, story =>
        {
            story.ReturnToReview(Today);
            DropReports(story);
            return Done(StaffActions.ReturnedToReview);
        }, cancellationToken: cancellationToken);

    /// <summary>The reports were not founded: they go; the story stays as it is.</summary>
    public Task<DecisionResult> DismissReportsAsync(Actor actor, string publicId, int version, CancellationToken cancellationToken = default) =>
        DecideAsync(actor, publicId, version, story =>
        {
            DropReports(story);
            return Done(StaffActions.ReportsDismissed);
        }, cancellationToken: cancellationToken);

    /// <summary>The reports go and the story is protected from automatic hiding for <paramref name="days"/> days.</summary>
    public Task<DecisionResult> KeepAsync(Actor actor, string publicId, int version, int days, CancellationToken cancellationToken = default) =>
        DecideAsync(actor, publicId, version, story =>
        {
            story.Keep(Today.AddDays(Math.Max(days, 0)));
            DropReports(story);
            return Done(StaffActions.StoryKept);
        }, cancellationToken: cancellationToken);

    /// <summary>
    /// Removes the story for good: the same erasure as an author's withdrawal (<see cref="StoryErasure"/>).
    /// The audit records who removed a story and why, and — like every entry — keeps no reference to it.
    /// </summary>
    public async Task<DecisionResult> RemoveAsync(Actor actor, string publicId, int version, string? reasonCode, CancellationToken cancellationToken = default)
    {
        var (story, refusal) = await LoadForDecisionAsync(actor, publicId, version, cancellationToken);
        if (story is null)
        {
            return refusal;
        }

        audit.Add(actor, StaffActions.StoryRemoved, reasonCode: reasonCode);
        try
        {
            await erasure.EraseAsync(story, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return DecisionResult.Stale;
        }

        return DecisionResult.Done;
    }

    /// <summary>
    /// Bulk rejection for floods: every pending story carrying <paramref name="marker"/>, with one
    /// reason, if their number is still the <paramref name="confirmedCount"/> the admin saw. Each
    /// story is decided as one moderator would decide it: one claimed by someone else is left to
    /// them, and a story that moved on during the run fails the whole run (nothing is rejected).
    /// </summary>
    public async Task<BulkResult> BulkRejectAsync(Actor actor, MarkerKind marker, RejectionReason reason, int confirmedCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var stories = await PendingWith(marker).Include(s => s.Tags).Include(s => s.Markers).Include(s => s.PendingRevision).ToListAsync(cancellationToken);
        if (stories.Count != confirmedCount)
        {
            return new BulkResult(0, stories.Count, 0, CountChanged: true);
        }

        var now = Now;
        var ids = stories.Select(s => s.Id).ToList();
        var claimedByOthers = (await db.StoryClaims.AsNoTracking().Where(c => ids.Contains(c.StoryId) && c.ClaimedUntilUtc > now).ToListAsync(cancellationToken))
            .Where(c => c.IsHeldBySomeoneElse(actor.Name, now))
            .Select(c => c.StoryId)
            .ToHashSet();
        var rejected = 0;
        foreach (var story in stories.Where(s => !claimedByOthers.Contains(s.Id)))
        {
            story.Reject(reason, null, Today);
            audit.Add(actor, StaffActions.StoryRejected, storyPublicId: story.PublicId, reasonCode: $"{reason}:bulk:{marker}");
            rejected++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await db.StoryClaims.Where(c => ids.Contains(c.StoryId) && !claimedByOthers.Contains(c.StoryId)).ExecuteDeleteAsync(cancellationToken);
        await DatabaseSetup.CheckpointAsync(db, cancellationToken);
        return new BulkResult(rejected, stories.Count, claimedByOthers.Count, CountChanged: false);
    }

    /// <summary>Pending stories carrying a marker: what bulk rejection would reject.</summary>
    public IQueryable<Story> PendingWith(MarkerKind marker) =>
        db.Stories.Where(s => s.Status == StoryStatus.Pending && s.Markers.Any(m => m.Kind == marker));

    private static (string Action, string? ReasonCode) Audited(StoryDecision decision, string? reasonCode = null) => decision switch
    {
        StoryDecision.Published => (StaffActions.StoryApproved, reasonCode),
        StoryDecision.PublishedEditDeclined => (StaffActions.StoryApproved, "earlier-version"),
        StoryDecision.EditPublished => (StaffActions.RevisionApproved, reasonCode),
        StoryDecision.EditDeclined => (StaffActions.RevisionDeclined, reasonCode),
        StoryDecision.ChangesRequested => (StaffActions.ChangesRequested, reasonCode),
        StoryDecision.Rejected => (StaffActions.StoryRejected, reasonCode),
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, null),
    };

    private static Task<(string Action, string? ReasonCode)> Done(string action) => Task.FromResult<(string, string?)>((action, null));

    private void DropReports(Story story) =>
        db.StoryReports.RemoveRange(db.StoryReports.Where(r => r.StoryId == story.Id));

    private Task<DecisionResult> DecideAsync(
        Actor actor,
        string publicId,
        int version,
        Func<Story, (string Action, string? ReasonCode)> decide,
        bool keepClaim = false,
        CancellationToken cancellationToken = default) =>
        DecideAsync(actor, publicId, version, story => Task.FromResult(decide(story)), keepClaim, cancellationToken);

    private async Task<DecisionResult> DecideAsync(
        Actor actor,
        string publicId,
        int version,
        Func<Story, Task<(string Action, string? ReasonCode)>> decide,
        bool keepClaim = false,
        CancellationToken cancellationToken = default)
    {
        var (story, refusal) = await LoadForDecisionAsync(actor, publicId, version, cancellationToken);
        if (story is null)
        {
            return refusal;
        }

        (string Action, string? ReasonCode) done;
        try
        {
            done = await decide(story);
        }
        catch (IllegalTransitionException)
        {
            db.ChangeTracker.Clear();
            return DecisionResult.NotApplicable;
        }

        audit.Add(actor, done.Action, storyPublicId: publicId, reasonCode: done.ReasonCode);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return DecisionResult.Stale;
        }

        if (!keepClaim)
        {
            await db.StoryClaims.Where(c => c.StoryId == story.Id).ExecuteDeleteAsync(cancellationToken);
        }

        // A decision may overwrite text (redaction) or drop it (a declined edit, dismissed reports):
        // none of it may linger in the write-ahead log. And public pages may show something else now.
        await DatabaseSetup.CheckpointAsync(db, cancellationToken);
        await eviction.EvictAsync(cancellationToken);
        return DecisionResult.Done;
    }

    private async Task<(Story? Story, DecisionResult Refusal)> LoadForDecisionAsync(Actor actor, string publicId, int version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var story = await db.Stories
            .Include(s => s.Tags)
            .Include(s => s.Markers)
            .Include(s => s.PendingRevision)
            .SingleOrDefaultAsync(s => s.PublicId == publicId, cancellationToken);
        if (story is null)
        {
            return (null, DecisionResult.NotFound);
        }

        if (story.Version != version)
        {
            return (null, DecisionResult.Stale);
        }

        if ((await ClaimOnAsync(story.Id, cancellationToken))?.IsHeldBySomeoneElse(actor.Name, Now) == true)
        {
            return (null, DecisionResult.ClaimedByOther);
        }

        return (story, DecisionResult.Done);
    }
}
