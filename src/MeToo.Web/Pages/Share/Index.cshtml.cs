using System.Text;
using FluentValidation;
using FluentValidation.AspNetCore;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Privacy;
using MeToo.Web.Sharing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace MeToo.Web.Pages.Share;

/// <summary>
/// Share a story: form → preview (with warnings) → receipt → confirmation that it was saved.
/// Between the steps the draft and the receipt travel only in hidden fields of POSTed, no-store
/// forms (DESIGN.md rule 12): no TempData, session or cookie holds them.
/// </summary>
public sealed class IndexModel(
    AppDbContext db,
    IValidator<StoryDraft> validator,
    ReceiptHasher receiptHasher,
    TimeProvider time,
    IOptions<PrivacyOptions> privacy,
    StoryScreening screening,
    SiteSettingsStore settings,
    IMemoryCache submissions,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public enum ShareStep
    {
        Paused,
        Form,
        Preview,
        Receipt,
        Saved,
    }

    [BindProperty]
    public StoryDraft Draft { get; set; } = new();

    /// <summary>The receipt coming back from the receipt page (confirm, download), never in a URL.</summary>
    [BindProperty]
    public string? ReceiptCode { get; set; }

    [BindProperty]
    public string? LastGroup { get; set; }

    /// <summary>
    /// A random key made at the preview and sent back with the final submit. If the same submit
    /// arrives again (the author refreshes the receipt page and the browser re-posts), the story is
    /// not created twice: the receipt from the first time is shown again. The pair is kept in this
    /// process's memory for half an hour only — never on disk.
    /// </summary>
    [BindProperty]
    public string? SubmissionKey { get; set; }

    public ShareStep Step { get; private set; } = ShareStep.Form;

    public Receipt? Receipt { get; private set; }

    public DraftReview? Review { get; private set; }

    public string? ConfirmError { get; private set; }

    /// <summary>The admins' kind message while sharing is paused (a flood, an incident).</summary>
    public string? PauseMessage { get; private set; }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public void OnGet()
    {
    }

    /// <summary>
    /// While sharing is paused nothing new is accepted, but someone who has just sent a story can
    /// still confirm and download their receipt.
    /// </summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var handler = context.HandlerMethod?.Name;
        var current = await settings.GetAsync(context.HttpContext.RequestAborted);
        if (current.SharingPaused && handler is not ("ConfirmSaved" or "DownloadReceipt"))
        {
            Step = ShareStep.Paused;
            PauseMessage = string.IsNullOrWhiteSpace(current.PauseMessage) ? null : current.PauseMessage;
            context.Result = Page();
            return;
        }

        await next();
    }

    public async Task OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (await ValidateAsync(cancellationToken))
        {
            Review = await DraftReview.ForAsync(db, Draft, StoryFindings.Of(Draft.ToContent()), privacy.Value, cancellationToken);
            SubmissionKey = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            Step = ShareStep.Preview;
        }
    }

    public void OnPostEdit()
    {
        Draft.Clean();
        ModelState.Clear();
        Step = ShareStep.Form;
    }

    public async Task OnPostSubmitAsync(CancellationToken cancellationToken)
    {
        if (!await ValidateAsync(cancellationToken))
        {
            return;
        }

        var resubmission = SubmissionCacheKey();
        if (resubmission is not null && submissions.TryGetValue(resubmission, out string? sent) && Receipt.TryParse(sent, out var already))
        {
            Receipt = already;
            Step = ShareStep.Receipt;
            return;
        }

        var receipt = Receipt.New();
        var story = Story.Submit(PublicId.New(), Draft.ToContent(), receiptHasher.Hash(receipt), Today, Draft.OpenData);
        story.ReplaceMarkers(await screening.MarkersAsync(ScreenedVersion.Of(story), storyId: null, cancellationToken));
        db.Stories.Add(story);
        await db.SaveChangesAsync(cancellationToken);
        if (resubmission is not null)
        {
            submissions.Set(resubmission, receipt.Display, TimeSpan.FromMinutes(30));
        }

        Receipt = receipt;
        Step = ShareStep.Receipt;
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

    /// <summary>The memory-cache key for this submit: a hash of the random key, never the key itself.</summary>
    private string? SubmissionCacheKey() =>
        SubmissionKey is { Length: 32 } key && key.All(char.IsAsciiHexDigitLower)
            ? "share-submission:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(key)))
            : null;

    private async Task<bool> ValidateAsync(CancellationToken cancellationToken)
    {
        // Bound values are replaced by cleaned ones, so the form shows what would be stored.
        Draft.Clean();
        ModelState.Clear();
        var result = await validator.ValidateAsync(Draft, cancellationToken);
        result.AddToModelState(ModelState, nameof(Draft));
        Step = ShareStep.Form;
        return result.IsValid;
    }
}
