using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Infrastructure;
using MeToo.Web.Privacy;
using MeToo.Web.Staff;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Moderation;

public enum ReportOutcome
{
    /// <summary>Stored, or quietly not counted again (same client, story and day): the reader sees the same thanks.</summary>
    Received,
    NotFound,
    Invalid,
}

/// <summary>
/// Readers' reports of published stories: one counted per client, story and day (DESIGN.md rule
/// 9's keyed hash in memory; nothing about the reader is stored), the note cleaned like a story, and
/// automatic hiding after N distinct reports when an admin turned it on (off by default).
/// </summary>
public sealed class ReportIntake(AppDbContext db, DailyClientKeys keys, SiteSettingsStore settings, StaffAudit audit, TimeProvider time, StoryPageEviction eviction)
{
    public async Task<ReportOutcome> ReceiveAsync(string publicId, string? reason, string? note, HttpContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Enum.TryParse<ReportReason>(reason, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed))
        {
            return ReportOutcome.Invalid;
        }

        var cleaned = TextCleaner.CleanText(note);
        if (cleaned.Length > StoryReport.NoteMaxLength)
        {
            return ReportOutcome.Invalid;
        }

        var story = await db.Stories.SingleOrDefaultAsync(s => s.PublicId == publicId && s.Status == StoryStatus.Published, cancellationToken);
        if (story is null)
        {
            return ReportOutcome.NotFound;
        }

        if (!keys.TryRecord("report", publicId, context))
        {
            return ReportOutcome.Received;
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        db.StoryReports.Add(new StoryReport(story.Id, parsed, cleaned, today));
        await db.SaveChangesAsync(cancellationToken);
        await HideIfOverThresholdAsync(story, today, cancellationToken);
        return ReportOutcome.Received;
    }

    private async Task HideIfOverThresholdAsync(Story story, DateOnly today, CancellationToken cancellationToken)
    {
        var threshold = (await settings.GetAsync(cancellationToken)).AutoHideThreshold;
        if (threshold <= 0 || story.IsProtectedOn(today))
        {
            return;
        }

        var reports = await db.StoryReports.CountAsync(r => r.StoryId == story.Id, cancellationToken);
        if (reports < threshold)
        {
            return;
        }

        story.HideForReview(today);
        audit.Add("system", null, StaffActions.AutoHidden, storyPublicId: story.PublicId, reasonCode: $"reports>={threshold}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await eviction.EvictAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A moderator decided at the same moment; their decision stands.
            db.ChangeTracker.Clear();
        }
    }
}
