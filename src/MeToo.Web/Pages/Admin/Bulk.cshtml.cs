using FluentValidation;
using FluentValidation.AspNetCore;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Moderation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Pages.Admin;

/// <summary>
/// Bulk reject for floods: every pending story carrying a marker, with one reason. The page first
/// says how many stories that is; the admin confirms that number. Rejection goes through
/// <see cref="ModerationDesk.BulkRejectAsync"/>: stories claimed by a moderator are left to them,
/// and each rejection is audited.
/// </summary>
public sealed class BulkModel(AppDbContext db, ModerationDesk desk, IValidator<BulkModel.BulkInput> validator, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed class BulkInput
    {
        public MarkerKind? Marker { get; set; }

        public RejectionReason? Reason { get; set; }

        /// <summary>The number the admin saw and confirms; a flood that grew since is refused.</summary>
        public int? ConfirmCount { get; set; }
    }

    public sealed class BulkInputValidator : AbstractValidator<BulkInput>
    {
        public BulkInputValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(i => i.Marker).NotNull().Must(m => m is null || Enum.IsDefined(m.Value)).WithMessage(_ => l["Choose a marker."]);
            RuleFor(i => i.Reason).NotNull().Must(r => r is null || Enum.IsDefined(r.Value)).WithMessage(_ => l["Choose a reason."]);
            RuleFor(i => i.ConfirmCount).GreaterThanOrEqualTo(0).WithMessage(_ => l["Count the matching stories again before rejecting."]);
        }
    }

    [BindProperty]
    public BulkInput Input { get; set; } = new();

    public MarkerKind? Marker => Input.Marker;

    public RejectionReason? Reason => Input.Reason;

    public int? Matching { get; private set; }

    public int? Rejected { get; private set; }

    public int LeftToOthers { get; private set; }

    public IReadOnlyList<(MarkerKind Kind, int Count)> Counts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Step one: how many pending stories carry the marker.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (await ValidAsync(cancellationToken))
        {
            Matching = await desk.PendingWith(Input.Marker!.Value).CountAsync(cancellationToken);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Step two: reject them, if the count is still the one confirmed.</summary>
    public async Task<IActionResult> OnPostRejectAsync(CancellationToken cancellationToken)
    {
        if (!await ValidAsync(cancellationToken) || Input.ConfirmCount is not { } confirmed)
        {
            if (ModelState.IsValid)
            {
                ModelState.AddModelError(nameof(BulkInput.ConfirmCount), localizer["Count the matching stories again before rejecting."]);
            }

            await LoadAsync(cancellationToken);
            return Page();
        }

        try
        {
            var result = await desk.BulkRejectAsync(Actor.Of(User), Input.Marker!.Value, Input.Reason!.Value, confirmed, cancellationToken);
            if (result.CountChanged)
            {
                ModelState.AddModelError(nameof(BulkInput.ConfirmCount), localizer["The number of matching stories changed from {0} to {1}. Check again before rejecting.", confirmed, result.Matching]);
                Matching = result.Matching;
            }
            else
            {
                Rejected = result.Rejected;
                LeftToOthers = result.LeftToOthers;
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(nameof(BulkInput.ConfirmCount), localizer["A moderator decided one of these stories at the same moment. Nothing was rejected; check again."]);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task<bool> ValidAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var validation = await validator.ValidateAsync(Input, cancellationToken);
        validation.AddToModelState(ModelState);
        return validation.IsValid;
    }

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
