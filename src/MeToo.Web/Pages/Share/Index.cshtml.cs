using System.Text;
using FluentValidation;
using FluentValidation.AspNetCore;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Infrastructure;
using MeToo.Web.Privacy;
using MeToo.Web.Sharing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace MeToo.Web.Pages.Share;

/// <summary>
/// Share a story: form → preview (with warnings) → receipt → confirmation that it was saved.
/// Between the steps the draft and the receipt travel only in hidden fields of POSTed, no-store
/// forms (privacy rule 12): no TempData, session or cookie holds them.
/// </summary>
public sealed class IndexModel(
    AppDbContext db,
    IValidator<StoryDraft> validator,
    ReceiptHasher receiptHasher,
    TimeProvider time,
    IOptions<PrivacyOptions> privacy,
    StoryScreening screening,
    SiteSettingsStore settings,
    ISubmitOnce submitOnce,
    SubmissionLimiter limiter,
    StoryLanguages storyLanguages,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public enum ShareStep
    {
        Form,
        Preview,
        Receipt,
        Saved,
    }

    [BindProperty]
    [FromForm]
    public StoryDraft Draft { get; set; } = new();

    /// <summary>The receipt coming back from the receipt page (confirm, download), never in a URL.</summary>
    [BindProperty]
    [FromForm]
    public string? ReceiptCode { get; set; }

    [BindProperty]
    [FromForm]
    public string? LastGroup { get; set; }

    /// <summary>
    /// A random key made at the preview and sent back with the final submit (<see cref="SubmitOnce"/>):
    /// a refresh of the receipt page or a double click shows the first receipt again instead of
    /// creating the story twice.
    /// </summary>
    [BindProperty]
    [FromForm]
    public string? SubmissionKey { get; set; }

    public ShareStep Step { get; private set; } = ShareStep.Form;

    /// <summary>The step the author was on when they chose another language (the picker posts it with the step's form).</summary>
    [BindProperty]
    [FromForm]
    public ShareStep? LanguageStep { get; set; }

    public Receipt? Receipt { get; private set; }

    public DraftReview? Review { get; private set; }

    public string? ConfirmError { get; private set; }

    /// <summary>Sharing is paused (a flood, an incident): shown on every step; nothing can be sent meanwhile.</summary>
    public bool Paused { get; private set; }

    /// <summary>The admins' kind message while sharing is paused.</summary>
    public string? PauseMessage { get; private set; }

    /// <summary>
    /// Why the story was not sent just now (a limit, a pause), and when to try again. The preview is
    /// shown again with the whole draft: nothing the author typed is lost.
    /// </summary>
    public string? HeldBack { get; private set; }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public void OnGet()
    {
    }

    /// <summary>
    /// While sharing is paused nothing new is sent, but an author can still write and preview (the
    /// pause is said on every step), and someone who has just sent a story can confirm and download
    /// their receipt.
    /// </summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var current = await settings.GetAsync(context.HttpContext.RequestAborted);
        Paused = current.SharingPaused;
        PauseMessage = Paused && !string.IsNullOrWhiteSpace(current.PauseMessage) ? current.PauseMessage : null;
        await next();
    }

    public async Task OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (await ValidateAsync(cancellationToken))
        {
            await ShowPreviewAsync(cancellationToken);
            SubmissionKey = SubmitOnce.NewKey();
        }
    }

    public void OnPostEdit()
    {
        Draft.Clean(storyLanguages.ForThisPage);
        ModelState.Clear();
        Step = ShareStep.Form;
    }

    public async Task OnPostSubmitAsync(CancellationToken cancellationToken)
    {
        if (!await ValidateAsync(cancellationToken))
        {
            return;
        }

        var receipt = await submitOnce.RunAsync(SubmissionKey, async () =>
        {
            if (Paused)
            {
                HeldBack = localizer["Sharing was paused a moment ago, so your story was not sent yet. It is all still here: keep this page open, or copy your text somewhere safe, and send it when sharing opens again."];
                return null;
            }

            var limit = limiter.TryTake(HttpContext);
            if (!limit.Allowed)
            {
                var minutes = Math.Max(1, (int)Math.Ceiling((limit.RetryAfter ?? TimeSpan.FromMinutes(60)).TotalMinutes));
                HeldBack = localizer["Many stories were sent from your connection (or from everyone) in the last hour, so yours was not sent yet. It is all still here. Please send it again in about {0} minutes; keep this page open, or copy your text somewhere safe.", minutes];
                return null;
            }

            var created = Receipt.New();
            var story = Story.Submit(PublicId.New(), Draft.ToContent(), receiptHasher.Hash(created), Today, Draft.OpenData);
            story.ReplaceMarkers(await screening.MarkersAsync(ScreenedVersion.Of(story), storyId: null, cancellationToken));
            db.Stories.Add(story);
            await db.SaveChangesAsync(cancellationToken);
            return created;
        });

        if (receipt is null)
        {
            // Held back: the preview again, with the whole draft and the same key to send it with later.
            await ShowPreviewAsync(cancellationToken);
            return;
        }

        Receipt = receipt;
        Step = ShareStep.Receipt;
    }

    /// <summary>
    /// The same step in the language the author just chose, from what its form posted: the draft as
    /// typed (no errors shown for a half-written form), the preview again (checked first, as any
    /// preview is), or the receipt page. Nothing is sent or stored.
    /// </summary>
    public async Task OnPostLanguageAsync(CancellationToken cancellationToken)
    {
        switch (LanguageStep)
        {
            case ShareStep.Preview:
                if (await ValidateAsync(cancellationToken))
                {
                    await ShowPreviewAsync(cancellationToken);
                }

                break;
            case ShareStep.Receipt when Receipt.TryParse(ReceiptCode, out var receipt):
                ModelState.Clear();
                Receipt = receipt;
                Step = ShareStep.Receipt;
                break;
            default:
                OnPostEdit();
                break;
        }
    }

    /// <summary>The author types the receipt's last group back, to be sure they kept it.</summary>
    public IActionResult OnPostConfirmSaved()
    {
        ModelState.Clear();
        if (!Receipt.TryParse(ReceiptCode, out var receipt))
        {
            return RedirectToPage();
        }

        Receipt = receipt;
        if (string.Equals(CrockfordBase32.Normalize(LastGroup), receipt.LastGroup, StringComparison.Ordinal))
        {
            Step = ShareStep.Saved;
        }
        else
        {
            ConfirmError = localizer["That does not match the last four characters of your receipt. Please check the code you saved."];
            Step = ShareStep.Receipt;
        }

        return Page();
    }

    /// <summary>The receipt as a small text file, through a POST, with a file name that says nothing.</summary>
    public IActionResult OnPostDownloadReceipt()
    {
        if (!Receipt.TryParse(ReceiptCode, out var receipt))
        {
            return RedirectToPage();
        }

        var text = localizer["Receipt: {0}\r\nUse it at /my-story to see, edit or withdraw the story.\r\nAnyone who has this code controls the story. It cannot be recovered.\r\n", receipt.Display];
        return File(Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8", "note.txt");
    }

    private async Task ShowPreviewAsync(CancellationToken cancellationToken)
    {
        Review = await DraftReview.ForAsync(db, Draft, StoryFindings.Of(Draft.ToContent()), privacy.Value, cancellationToken);
        Step = ShareStep.Preview;
    }

    private async Task<bool> ValidateAsync(CancellationToken cancellationToken)
    {
        // Bound values are replaced by cleaned ones, so the form shows what would be stored.
        Draft.Clean(storyLanguages.ForThisPage);
        ModelState.Clear();
        var result = await validator.ValidateAsync(Draft, cancellationToken);
        result.AddToModelState(ModelState, nameof(Draft));
        Step = ShareStep.Form;
        return result.IsValid;
    }
}
