using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Staff;
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
/// Claims and decisions. Every decision names the version the moderator saw; a story that moved
/// on since is refused as <see cref="DecisionResult.Stale"/>, and the concurrency token catches two
/// decisions racing on the same version, so exactly one wins. The audit entry is saved with the
/// decision, never without it. Redaction and removal end with a WAL checkpoint.
/// </summary>
public sealed class ModerationDesk(AppDbContext db, StaffAudit audit, TimeProvider time, Infrastructure.StoryPageEviction eviction)
{
    /// <summary>How long a claim holds.</summary>
    public static readonly TimeSpan ClaimLength = TimeSpan.FromMinutes(10);

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Claims a story for <paramref name="moderator"/> for a few minutes, in one atomic update that
    /// succeeds only if no one else holds a live claim. Renews the moderator's own claim.
    /// </summary>
    public async Task<bool> ClaimAsync(string publicId, string moderator, CancellationToken cancellationToken = default)
    {
        var storyId = await db.Stories.Where(s => s.PublicId == publicId).Select(s => (long?)s.Id).SingleOrDefaultAsync(cancellationToken);
        if (storyId is not { } id)
        {
            return false;
        }

        var now = Now;
        var claim = await db.StoryClaims.SingleOrDefaultAsync(c => c.StoryId == id, cancellationToken);
        if (claim is null)
        {
            db.StoryClaims.Add(new StoryClaim(id, moderator, now.Add(ClaimLength)));
        }
        else if (claim.IsHeldBySomeoneElse(moderator, now))
        {
            return false;
        }
        else
        {
            claim.Renew(moderator, now.Add(ClaimLength));
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

    public Task<DecisionResult> ApproveAsync(StaffAdministration.Actor actor, string publicId, int version, IReadOnlyCollection<string> extraWarnings, CancellationToken cancellationToken = default) =>
        DecideAsync(actor, publicId, version, story =>
        {
            if (story.Status == StoryStatus.Published && story.PendingRevision is not null)
            {
                story.ApproveRevision(Today);
                return StaffActions.RevisionApproved;
            }

            if (story.Status != StoryStatus.Pending)
            {
                return null;
            }

            story.Approve(Today, extraWarnings);
            return StaffActions.StoryApproved;
        }, cancellationToken: cancellationToken);

    /// <summary>For a revision: declined, with the message for the author; the published version stays.</summary>
    public Task<DecisionResult> RequestChangesAsync(StaffAdministration.Actor actor, string publicId, int version, string message, CancellationToken cancellationToken = default) =>
        DecideAsync(actor, publicId, version, story =>
        {
            if (story.Status == StoryStatus.Published && story.PendingRevision is not null)
            {
                story.DeclineRevision(Today, message);
                return StaffActions.RevisionDeclined;
            }

            if (story.Status != StoryStatus.Pending)
            {
                return null;
            }

            story.RequestChanges(message, Today);
            return StaffActions.ChangesRequested;
        }, cancellationToken: cancellationToken);

    /// <summary>For a revision: declined (the reason goes to the audit log); the published version stays.</summary>
    public Task<DecisionResult> RejectAsync(StaffAdministration.Actor actor, string publicId, int version, RejectionReason reason, string? note, CancellationToken cancellationToken = default) =>
        DecideAsync(actor, publicId, version, story =>
        {
            if (story.Status == StoryStatus.Published && story.PendingRevision is not null)
            {
                story.DeclineRevision(Today);
                return StaffActions.RevisionDeclined;
            }

            if (story.Status != StoryStatus.Pending)
            {
                return null;
            }

            story.Reject(reason, note, Today);
            return StaffActions.StoryRejected;
        }, reasonCode: reason.ToString(), cancellationToken: cancellationToken);

    /// <summary>Replaces the text under review; the old text is overwritten and checkpointed away.</summary>
    public async Task<DecisionResult> RedactAsync(StaffAdministration.Actor actor, string publicId, int version, string? title, string body, IReadOnlyList<ScreeningMarker> markers, CancellationToken cancellationToken = default)
    {
        var result = await DecideAsync(actor, publicId, version, story =>
        {
            if (story.Status == StoryStatus.Rejected)
            {
                return null;
            }

            story.Redact(title, body, Today);
            story.ReplaceMarkers(markers);
            return StaffActions.StoryRedacted;
        }, keepClaim: true, cancellationToken: cancellationToken);
        if (result == DecisionResult.Done)
        {
            await DatabaseSetup.CheckpointAsync(db, cancellationToken);
        }

        return result;
    }

    /// <summary>Published → Pending, for another look (from the reports queue).</summary>
    public Task<DecisionResult> ReturnToReviewAsync(StaffAdministration.Actor actor, string publicId, int version, CancellationToken cancellationToken = default) =>
        DecideAsync(actor, publicId, version, story =>
        {
            if (story.Status != StoryStatus.Published)
            {
                return null;
            }

            story.ReturnToReview(Today);
            db.StoryReports.RemoveRange(db.StoryReports.Where(r => r.StoryId == story.Id));
            return StaffActions.ReturnedToReview;
        }, cancellationToken: cancellationToken);

    /// <summary>Deletes the story and everything tied to it (reports included), then checkpoints.</summary>
    public async Task<DecisionResult> RemoveAsync(StaffAdministration.Actor actor, string publicId, int version, string? reasonCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var story = await db.Stories.SingleOrDefaultAsync(s => s.PublicId == publicId, cancellationToken);
        if (story is null)
        {
            return DecisionResult.NotFound;
        }

        if (story.Version != version)
        {
            return DecisionResult.Stale;
        }

        db.Stories.Remove(story);
        audit.Add(actor.Name, actor.Role, StaffActions.StoryRemoved, storyPublicId: publicId, reasonCode: reasonCode);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return DecisionResult.Stale;
        }

        await DatabaseSetup.CheckpointAsync(db, cancellationToken);
        await eviction.EvictAsync(cancellationToken);
        return DecisionResult.Done;
    }

    /// <summary>The reports were not founded: they go; the story stays as it is.</summary>
    public Task<DecisionResult> DismissReportsAsync(StaffAdministration.Actor actor, string publicId, int version, CancellationToken cancellationToken = default) =>
        DecideAsync(actor, publicId, version, story =>
        {
            db.StoryReports.RemoveRange(db.StoryReports.Where(r => r.StoryId == story.Id));
            return StaffActions.ReportsDismissed;
        }, cancellationToken: cancellationToken);

    /// <summary>The reports go and the story is protected from automatic hiding for <paramref name="days"/> days.</summary>
    public Task<DecisionResult> KeepAsync(StaffAdministration.Actor actor, string publicId, int version, int days, CancellationToken cancellationToken = default) =>
        DecideAsync(actor, publicId, version, story =>
        {
            if (story.Status != StoryStatus.Published)
            {
                return null;
            }

            story.Keep(Today.AddDays(Math.Max(days, 0)));
            db.StoryReports.RemoveRange(db.StoryReports.Where(r => r.StoryId == story.Id));
            return StaffActions.StoryKept;
        }, cancellationToken: cancellationToken);

    private async Task<DecisionResult> DecideAsync(
        StaffAdministration.Actor actor,
        string publicId,
        int version,
        Func<Story, string?> decide,
        string? reasonCode = null,
        bool keepClaim = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var story = await db.Stories
            .Include(s => s.Tags)
            .Include(s => s.Markers)
            .Include(s => s.PendingRevision)
            .SingleOrDefaultAsync(s => s.PublicId == publicId, cancellationToken);
        if (story is null)
        {
            return DecisionResult.NotFound;
        }

        if (story.Version != version)
        {
            return DecisionResult.Stale;
        }

        if ((await ClaimOnAsync(story.Id, cancellationToken))?.IsHeldBySomeoneElse(actor.Name, Now) == true)
        {
            return DecisionResult.ClaimedByOther;
        }

        var action = decide(story);
        if (action is null)
        {
            return DecisionResult.NotApplicable;
        }

        audit.Add(actor.Name, actor.Role, action, storyPublicId: publicId, reasonCode: reasonCode);
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

        // Publishing, redacting or taking down changes what public pages show: evict them now.
        await eviction.EvictAsync(cancellationToken);
        return DecisionResult.Done;
    }
}
