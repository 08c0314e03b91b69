using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Pages.Admin;

/// <summary>
/// Bulk reject for floods: every pending story carrying a marker, with one reason. The page first
/// says how many stories that is; the admin confirms that number. Each rejection is audited.
/// </summary>
public sealed class BulkModel(AppDbContext db, StaffAudit audit, TimeProvider time, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public MarkerKind? Marker { get; set; }

    [BindProperty]
    public RejectionReason? Reason { get; set; }

    /// <summary>The number the admin saw and confirms; a flood that grew since is refused.</summary>
    [BindProperty]
    public int? ConfirmCount { get; set; }

    public int? Matching { get; private set; }

    public int? Rejected { get; private set; }

    public IReadOnlyList<(MarkerKind Kind, int Count)> Counts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Step one: how many pending stories carry the marker.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (!Validate())
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        Matching = await Pending(Marker!.Value).CountAsync(cancellationToken);
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Step two: reject them, if the count is still the one confirmed.</summary>
    public async Task<IActionResult> OnPostRejectAsync(CancellationToken cancellationToken)
    {
        if (!Validate())
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var stories = await Pending(Marker!.Value).Include(s => s.Tags).Include(s => s.Markers).ToListAsync(cancellationToken);
        if (stories.Count != ConfirmCount)
        {
            ModelState.AddModelError(nameof(ConfirmCount), localizer["The number of matching stories changed from {0} to {1}. Check again before rejecting.", ConfirmCount ?? 0, stories.Count]);
            Matching = stories.Count;
            await LoadAsync(cancellationToken);
            return Page();
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        foreach (var story in stories)
        {
            story.Reject(Reason!.Value, null, today);
            audit.Add(User.Identity!.Name!, StaffRoles.Admin, StaffActions.StoryRejected, storyPublicId: story.PublicId, reasonCode: $"{Reason}:bulk:{Marker}");
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            Rejected = stories.Count;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(nameof(ConfirmCount), localizer["A moderator decided one of these stories at the same moment. Nothing was rejected; check again."]);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private bool Validate()
    {
        if (Marker is not { } marker || !Enum.IsDefined(marker))
        {
            ModelState.AddModelError(nameof(Marker), localizer["Choose a marker."]);
        }

        if (Reason is not { } reason || !Enum.IsDefined(reason))
        {
            ModelState.AddModelError(nameof(Reason), localizer["Choose a reason."]);
        }

        return ModelState.IsValid;
    }

    private IQueryable<Story> Pending(MarkerKind marker) =>
        db.Stories.Where(s => s.Status == StoryStatus.Pending && s.Markers.Any(m => m.Kind == marker));

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var counts = await db.ScreeningMarkers
            .Where(m => db.Stories.Any(s => s.Id == m.StoryId && s.Status == StoryStatus.Pending))
            .GroupBy(m => m.Kind)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        Counts = [.. counts.OrderByDescending(c => c.Count).Select(c => (c.Key, c.Count))];
    }
}
