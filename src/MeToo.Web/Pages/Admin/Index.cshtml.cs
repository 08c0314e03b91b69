using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Moderation;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Pages.Admin;

/// <summary>Moderation metrics in days (never finer: authors' times are days) and the admin tools.</summary>
public sealed class IndexModel(AppDbContext db, TimeProvider time) : PageModel
{
    public const int MetricsWindowDays = 90;

    public int QueueSize { get; private set; }

    /// <summary>Days the oldest waiting item has waited; null when the queue is empty.</summary>
    public int? OldestWaitDays { get; private set; }

    /// <summary>Median days from submission to decision over the last <see cref="MetricsWindowDays"/> days.</summary>
    public double? MedianDaysToDecision { get; private set; }

    public int Decided { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        QueueSize = await ModerationQueue.Waiting(db).CountAsync(cancellationToken);
        var oldestStory = await db.Stories.Where(s => s.Status == StoryStatus.Pending).MinAsync(s => (DateOnly?)s.SubmittedOn, cancellationToken);
        var oldestRevision = await db.StoryRevisions.MinAsync(r => (DateOnly?)r.SubmittedOn, cancellationToken);
        var oldest = new[] { oldestStory, oldestRevision }.Where(d => d is not null).Min();
        OldestWaitDays = oldest is { } day ? today.DayNumber - day.DayNumber : null;

        var since = today.AddDays(-MetricsWindowDays);
        var decided = await db.Stories
            .Where(s => s.Status != StoryStatus.Pending && s.StatusChangedOn >= since)
            .Select(s => new { s.SubmittedOn, Decided = s.PublishedOn ?? s.StatusChangedOn })
            .ToListAsync(cancellationToken);
        var days = decided.Select(d => d.Decided.DayNumber - d.SubmittedOn.DayNumber).Where(d => d >= 0).Order().ToList();
        Decided = days.Count;
        MedianDaysToDecision = days.Count == 0 ? null : days.Count % 2 == 1 ? days[days.Count / 2] : (days[(days.Count / 2) - 1] + days[days.Count / 2]) / 2.0;
    }
}
