using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Moderation;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Pages.Moderation;

public sealed class IndexModel(AppDbContext db, TimeProvider time) : PageModel
{
    public IReadOnlyList<QueueItem> Items { get; private set; } = [];

    public IReadOnlyDictionary<StoryStatus, int> Counts { get; private set; } = new Dictionary<StoryStatus, int>();

    public int Revisions { get; private set; }

    public int ReportedStories { get; private set; }

    public int Waiting { get; private set; }

    public bool SuggestBreak { get; private set; }

    public DateTime Now { get; private set; }

    public string? Done { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow().UtcDateTime;
        Done = done;
        Items = await ModerationQueue.ItemsAsync(db, cancellationToken);
        Counts = await db.Stories.GroupBy(s => s.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        Revisions = await db.StoryRevisions.CountAsync(cancellationToken);
        ReportedStories = await db.StoryReports.Select(r => r.StoryId).Distinct().CountAsync(cancellationToken);
        Waiting = await ModerationQueue.Waiting(db).CountAsync(cancellationToken);
        SuggestBreak = await ModerationQueue.LongRunAsync(db, Actor.Of(User), Now, cancellationToken);
    }

    public int CountOf(StoryStatus status) => Counts.TryGetValue(status, out var count) ? count : 0;
}
