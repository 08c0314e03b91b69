using FluentValidation;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Moderation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Pages.Moderation;

/// <summary>
/// Stories readers reported, most reported first: dismiss the reports, keep the story (protected
/// from automatic hiding for a while), send it back to review, or remove it.
/// </summary>
public sealed class ReportsModel(
    AppDbContext db,
    ModerationDesk desk,
    SiteSettingsStore settings,
    StoryScreening screening,
    IValidator<ReportsModel.ResolutionInput> validator,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed record ReportedStory(string PublicId, string? Title, StoryStatus Status, int Version, IReadOnlyList<StoryReport> Reports);

    /// <summary>Which story a resolution is about, and the version the moderator saw.</summary>
    public sealed class ResolutionInput
    {
        public string? PublicId { get; set; }

        public int Version { get; set; }
    }

    public sealed class ResolutionInputValidator : AbstractValidator<ResolutionInput>
    {
        public ResolutionInputValidator(IStringLocalizer<SharedResource> l) =>
            RuleFor(i => i.PublicId).Must(Privacy.PublicId.IsWellFormed).WithMessage(_ => l["That does not apply to this story as it stands now."]);
    }

    /// <summary>What screening finds in a report's note, as for a story: marker kinds, never stored.</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<MarkerKind>> NoteMarkers { get; private set; } = new Dictionary<long, IReadOnlyList<MarkerKind>>();

    [BindProperty]
    public ResolutionInput Input { get; set; } = new();

    public IReadOnlyList<ReportedStory> Stories { get; private set; } = [];

    public int KeepDays { get; private set; }

    public string? Notice { get; private set; }

    public string? Error { get; private set; }

    private Actor Me => Actor.Of(User);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostDismissAsync(CancellationToken cancellationToken) =>
        await ResolveAsync((id, version) => desk.DismissReportsAsync(Me, id, version, cancellationToken), localizer["Reports dismissed; the story stays as it is."], cancellationToken);

    public async Task<IActionResult> OnPostKeepAsync(CancellationToken cancellationToken)
    {
        var days = (await settings.GetAsync(cancellationToken)).KeepProtectionDays;
        return await ResolveAsync((id, version) => desk.KeepAsync(Me, id, version, days, cancellationToken), localizer["Kept. Reports will not hide this story automatically for {0} days.", days], cancellationToken);
    }

    public async Task<IActionResult> OnPostReturnToReviewAsync(CancellationToken cancellationToken) =>
        await ResolveAsync((id, version) => desk.ReturnToReviewAsync(Me, id, version, cancellationToken), localizer["The story is off the site and back in the queue."], cancellationToken);

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken cancellationToken) =>
        await ResolveAsync(async (id, version) =>
        {
            var reason = await db.StoryReports.Where(r => db.Stories.Any(s => s.Id == r.StoryId && s.PublicId == id))
                .GroupBy(r => r.Reason).OrderByDescending(g => g.Count()).Select(g => (ReportReason?)g.Key).FirstOrDefaultAsync(cancellationToken);
            return await desk.RemoveAsync(Me, id, version, reason?.ToString(), cancellationToken);
        }, localizer["The story is removed, with its reports. It cannot be brought back."], cancellationToken);

    private async Task<IActionResult> ResolveAsync(Func<string, int, Task<DecisionResult>> resolve, string done, CancellationToken cancellationToken)
    {
        var valid = (await validator.ValidateAsync(Input, cancellationToken)).IsValid;
        return await AfterAsync(valid ? await resolve(Input.PublicId!, Input.Version) : DecisionResult.NotFound, done, cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(DecisionResult result, string done, CancellationToken cancellationToken)
    {
        if (result == DecisionResult.Done)
        {
            Notice = done;
        }
        else
        {
            Error = result == DecisionResult.Stale
                ? localizer["Someone else acted on this story a moment ago. Here is the list as it stands now."]
                : localizer["That does not apply to this story as it stands now."];
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        KeepDays = (await settings.GetAsync(cancellationToken)).KeepProtectionDays;
        var reports = await db.StoryReports.AsNoTracking().ToListAsync(cancellationToken);
        var ids = reports.Select(r => r.StoryId).Distinct().ToList();
        var stories = await db.Stories.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.PublicId, s.Title, s.Status, s.Version })
            .ToListAsync(cancellationToken);
        var byStory = reports.ToLookup(r => r.StoryId);
        var noteMarkers = new Dictionary<long, IReadOnlyList<MarkerKind>>();
        foreach (var report in reports.Where(r => r.Note is not null))
        {
            var words = await screening.WordsInAsync(report.Note, cancellationToken);
            noteMarkers[report.Id] = [.. Privacy.IdentifyingDetails.Find(report.Note, null).Select(f => MarkerKinds.For(f.Kind))
                .Concat(words.Select(w => MarkerKinds.For(w.List)))
                .Distinct()];
        }

        NoteMarkers = noteMarkers;
        Stories = [.. stories
            .Select(s => new ReportedStory(s.PublicId, s.Title, s.Status, s.Version, [.. byStory[s.Id].OrderBy(r => r.Id)]))
            .OrderByDescending(s => s.Reports.Count)
            .ThenBy(s => s.Reports[0].Id)];
    }
}
