using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Moderation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Pages.Moderation;

/// <summary>
/// The queue, all of it or only the stories written in one language or in the languages the
/// moderator reads (<c>?language=mine</c>, stated on their account page).
/// </summary>
public sealed class IndexModel(AppDbContext db, TimeProvider time, StoryLanguages languages, UserManager<StaffUser> users) : PageModel
{
    public const string Mine = "mine";

    [BindProperty(SupportsGet = true)]
    public string? Language { get; set; }

    public StoryLanguages Languages => languages;

    /// <summary>The languages this moderator said they read; empty when they said none.</summary>
    public IReadOnlyList<string> Reads { get; private set; } = [];

    /// <summary>The filter applied: null for the whole queue, <see cref="Mine"/>, or a language's code.</summary>
    public string? Filter { get; private set; }

    /// <summary>How many waiting stories the filter shows.</summary>
    public int Shown { get; private set; }

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
        Reads = (await users.GetUserAsync(User))?.LanguagesRead() ?? [];
        IReadOnlyCollection<string>? only = null;
        if (Language == Mine && Reads.Count > 0)
        {
            (Filter, only) = (Mine, Reads);
        }
        else if (languages.IsKnown(Language))
        {
            (Filter, only) = (Language, [Language!]);
        }

        Items = await ModerationQueue.ItemsAsync(db, only, cancellationToken);
        Shown = only is null ? 0 : await ModerationQueue.WaitingIn(db, only).CountAsync(cancellationToken);
        Counts = await db.Stories.GroupBy(s => s.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        Revisions = await db.StoryRevisions.CountAsync(cancellationToken);
        ReportedStories = await db.StoryReports.Select(r => r.StoryId).Distinct().CountAsync(cancellationToken);
        Waiting = await ModerationQueue.Waiting(db).CountAsync(cancellationToken);
        SuggestBreak = await ModerationQueue.LongRunAsync(db, Actor.Of(User), Now, cancellationToken);
    }

    public int CountOf(StoryStatus status) => Counts.TryGetValue(status, out var count) ? count : 0;
}
