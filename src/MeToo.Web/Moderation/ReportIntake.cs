using FluentValidation;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Infrastructure;
using MeToo.Web.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Moderation;

public enum ReportOutcome
{
    /// <summary>Stored, or quietly not counted again (same client, story and day): the reader sees the same thanks.</summary>
    Received,
    NotFound,
    Invalid,

    /// <summary>The once-a-day key store is full: the report is not taken (reports fail closed), the reader may try later.</summary>
    Busy,
}

/// <summary>
/// Readers' reports of published stories: one counted per client, story and day (privacy rule
/// 9's keyed hash in memory; nothing about the reader is stored), the note cleaned like a story, and
/// automatic hiding after reports from N distinct addresses when an admin turned it on (off by
/// default). When the key store is full, reports are refused (fail closed): hiding a story must
/// never become cheaper under load.
/// </summary>
public sealed class ReportIntake(
    AppDbContext db,
    DailyClientKeys keys,
    SiteSettingsStore settings,
    StaffAuditLog audit,
    TimeProvider time,
    StoryPageEviction eviction,
    IValidator<ReportIntake.Report> validator)
{
    /// <summary>What a reader sends with <c>form#report-form</c>.</summary>
    public sealed record Report(string? Reason, string? Note)
    {
        public ReportReason? ParsedReason =>
            Enum.TryParse<ReportReason>(Reason, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(Reason, out _) ? parsed : null;
    }

    public sealed class ReportValidator : AbstractValidator<Report>
    {
        public ReportValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(r => r.ParsedReason).NotNull().WithName("Reason").WithMessage(_ => l["Choose why you are reporting this story."]);
            RuleFor(r => r.Note).MaximumLength(StoryReport.NoteMaxLength).WithMessage(_ => l["The note can be up to {0} characters.", StoryReport.NoteMaxLength]);
        }
    }

    public async Task<ReportOutcome> ReceiveAsync(string publicId, Report report, HttpContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(context);
        var cleaned = report with { Note = TextCleaner.CleanText(report.Note) };
        if (!(await validator.ValidateAsync(cleaned, cancellationToken)).IsValid)
        {
            return ReportOutcome.Invalid;
        }

        var story = await db.Stories.SingleOrDefaultAsync(s => s.PublicId == publicId && s.Status == StoryStatus.Published, cancellationToken);
        if (story is null)
        {
            return ReportOutcome.NotFound;
        }

        switch (await keys.RecordAsync("report", publicId, context, cancellationToken: cancellationToken))
        {
            case KeyResult.Again:
                return ReportOutcome.Received;
            case KeyResult.Full:
                return ReportOutcome.Busy;
        }

        // Automatic hiding counts distinct networks (an IPv6 /48, an IPv4 /24): one household's or one
        // site's many addresses, or one address rotating its browser, are one reporter.
        var newAddress = await keys.RecordAsync("report-network", publicId, context, byNetwork: true, cancellationToken);
        if (newAddress == KeyResult.Full)
        {
            return ReportOutcome.Busy;
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        db.StoryReports.Add(new StoryReport(story.Id, cleaned.ParsedReason!.Value, cleaned.Note, today, countsTowardsHiding: newAddress == KeyResult.First));
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

        var reports = await db.StoryReports.CountAsync(r => r.StoryId == story.Id && r.CountsTowardsHiding, cancellationToken);
        if (reports < threshold)
        {
            return;
        }

        story.HideForReview(today);
        audit.Add(Actor.System, StaffActions.AutoHidden, storyPublicId: story.PublicId, reasonCode: $"reports>={threshold}");
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
