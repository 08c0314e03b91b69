using FluentValidation;
using FluentValidation.AspNetCore;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Infrastructure;
using MeToo.Web.Privacy;
using MeToo.Web.Sharing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace MeToo.Web.Pages.MyStory;

/// <summary>
/// The author's control of their story through the receipt (privacy rules 7, 8 and 12): status,
/// moderators' message, edit, open-data consent, withdrawal. The receipt is typed into a POST form
/// and then travels only in hidden fields of POSTed, no-store forms; it is never in a URL.
/// </summary>
public sealed class IndexModel(
    AppDbContext db,
    ReceiptHasher receiptHasher,
    IValidator<StoryDraft> validator,
    TimeProvider time,
    IOptions<PrivacyOptions> privacy,
    StoryScreening screening,
    StoryPageEviction eviction,
    StoryErasure erasure,
    ReceiptLookupLimiter lookups,
    StoryLanguages storyLanguages,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public enum MyStoryStep
    {
        Enter,
        Status,
        Edit,
        PreviewEdit,
        ConfirmWithdraw,
        Withdrawn,
    }

    /// <summary>The receipt, from the POSTed form only: never from the query string (privacy rule 7).</summary>
    [BindProperty]
    [FromForm]
    public string? ReceiptCode { get; set; }

    [BindProperty]
    [FromForm]
    public StoryDraft Draft { get; set; } = new();

    /// <summary>For a published story: hide it at once while the edit waits for review.</summary>
    [BindProperty]
    [FromForm]
    public bool TakeDownNow { get; set; }

    [BindProperty]
    [FromForm]
    public bool OpenData { get; set; }

    /// <summary>
    /// The story's version when the author began this edit. If a moderator acted on the story since
    /// (published, redacted, sent back), the edit is not saved over it unseen: the author sees their
    /// draft again with a note, and sends it once more to confirm.
    /// </summary>
    [BindProperty]
    [FromForm]
    public int? EditingVersion { get; set; }

    public MyStoryStep Step { get; private set; } = MyStoryStep.Enter;

    /// <summary>The step the author was on when they chose another language (the picker posts it with the step's form).</summary>
    [BindProperty]
    [FromForm]
    public MyStoryStep? LanguageStep { get; set; }

    public Story? Story { get; private set; }

    public DraftReview? Review { get; private set; }

    /// <summary>A one-line confirmation of what just happened, shown above the status.</summary>
    public string? Notice { get; private set; }

    public string? ReceiptError { get; private set; }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public void OnGet()
    {
    }

    public async Task OnPostOpenAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken))
        {
            Step = MyStoryStep.Status;
        }
    }

    public async Task OnPostEditAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return;
        }

        if (!Story!.CanBeEditedByAuthor)
        {
            Notice = localizer["A story that was not published cannot be edited. You can withdraw it, or share a new one."];
            Step = MyStoryStep.Status;
            return;
        }

        ModelState.Clear();
        Draft = StoryDraft.From(Story.LatestAuthorVersion, Story.OpenData);
        EditingVersion = Story.Version;
        Step = MyStoryStep.Edit;
    }

    public async Task OnPostPreviewEditAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return;
        }

        if (await ValidateAsync(cancellationToken))
        {
            Review = await DraftReview.ForAsync(db, Draft, StoryFindings.Of(Draft.ToContent()), privacy.Value, cancellationToken);
            Step = MyStoryStep.PreviewEdit;
        }
    }

    public async Task OnPostBackToEditAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken))
        {
            Draft.Clean(storyLanguages.ForThisPage);
            ModelState.Clear();
            Step = MyStoryStep.Edit;
        }
    }

    public async Task OnPostSaveEditAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken) || !await ValidateAsync(cancellationToken))
        {
            return;
        }

        var story = Story!;
        if (!story.CanBeEditedByAuthor)
        {
            Notice = localizer["A story that was not published cannot be edited. You can withdraw it, or share a new one."];
            Step = MyStoryStep.Status;
            return;
        }

        if (EditingVersion != story.Version)
        {
            await ShowConflictAsync(cancellationToken);
            return;
        }

        Notice = story.Edit(Draft.ToContent(), TakeDownNow, Today) switch
        {
            AuthorEdit.TakenDown => localizer["Your story has been taken down. The new version will appear once a moderator has read it."],
            AuthorEdit.WaitingBesidePublished => localizer["Your changes were sent. The published version stays up until a moderator has read them."],
            _ => localizer["Your changes were saved. A moderator will read your story before it appears."],
        };
        story.SetOpenDataConsent(Draft.OpenData);
        story.ReplaceMarkers(await screening.MarkersAsync(ScreenedVersion.Of(story), story.Id, cancellationToken));
        if (!await SaveAsync(cancellationToken))
        {
            await ShowConflictAsync(cancellationToken);
            return;
        }

        // The old text may linger in the write-ahead log; a taken-down story must be gone from disk,
        // and from cached public pages.
        await DatabaseSetup.CheckpointAsync(db, cancellationToken);
        await eviction.EvictAsync(cancellationToken);
        Step = MyStoryStep.Status;
    }

    public async Task OnPostConsentAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return;
        }

        Story!.SetOpenDataConsent(OpenData);
        Notice = await SaveAsync(cancellationToken)
            ? OpenData
                ? localizer["Your story will be included in the open research data set while it is published."]
                : localizer["Your story will not be included in the open research data set."]
            : localizer["Your story changed a moment ago — a moderator may have just reviewed it. Nothing was saved; please choose again."];

        Step = MyStoryStep.Status;
    }

    /// <summary>
    /// The same step in the language the author just chose, from what its form posted (the receipt,
    /// and the edit as typed or previewed). Nothing is saved; a wrong receipt counts as any other.
    /// </summary>
    public async Task OnPostLanguageAsync(CancellationToken cancellationToken)
    {
        switch (LanguageStep)
        {
            case MyStoryStep.Status:
                await OnPostOpenAsync(cancellationToken);
                break;
            case MyStoryStep.Edit:
                await OnPostBackToEditAsync(cancellationToken);
                break;
            case MyStoryStep.PreviewEdit:
                await OnPostPreviewEditAsync(cancellationToken);
                break;
            case MyStoryStep.ConfirmWithdraw:
                await OnPostWithdrawAsync(cancellationToken);
                break;
            default:
                // The receipt box again, with what was typed in it.
                ModelState.Clear();
                Step = MyStoryStep.Enter;
                break;
        }
    }

    public async Task OnPostWithdrawAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken))
        {
            Step = MyStoryStep.ConfirmWithdraw;
        }
    }

    /// <summary>
    /// Withdrawal is deletion (privacy rule 8): the row and everything tied to it go, and the
    /// write-ahead log is truncated so the text lingers nowhere in the database files.
    /// </summary>
    public async Task OnPostWithdrawConfirmedAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await erasure.EraseAsync(Story!, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A moderator decided at the same moment: the story is still there; erase it as it stands now.
            db.ChangeTracker.Clear();
            if (!await LoadAsync(cancellationToken))
            {
                return;
            }

            await erasure.EraseAsync(Story!, cancellationToken);
        }

        Story = null;
        ReceiptCode = null;
        Step = MyStoryStep.Withdrawn;
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var mayTry = lookups.MayTry(HttpContext);
        if (!mayTry.Allowed)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling((mayTry.RetryAfter ?? TimeSpan.FromMinutes(15)).TotalMinutes));
            ReceiptError = localizer["Too many receipts that did not match were tried from your connection. Please try again in about {0} minutes.", minutes];
            ReceiptCode = null;
            ModelState.Clear();
            Step = MyStoryStep.Enter;
            return false;
        }

        if (Receipt.TryParse(ReceiptCode, out var receipt))
        {
            var hash = receiptHasher.Hash(receipt);
            Story = await db.Stories
                .Include(s => s.Tags)
                .Include(s => s.Markers)
                .Include(s => s.PendingRevision)
                .SingleOrDefaultAsync(s => s.ReceiptHash == hash, cancellationToken);
        }

        if (Story is null)
        {
            lookups.CountFailure(HttpContext);

            // One message for every failure: it must not tell a malformed code from an unknown one.
            ReceiptError = localizer["We could not find a story with that receipt. Please check the code and try again."];
            ReceiptCode = null;
            ModelState.Clear();
            Step = MyStoryStep.Enter;
            return false;
        }

        ReceiptCode = receipt.Canonical;
        return true;
    }

    /// <summary>
    /// Nothing was saved, and nothing the author wrote is lost: the preview again with their draft,
    /// what happened, and the version it now stands at — sending again confirms the edit.
    /// </summary>
    private async Task ShowConflictAsync(CancellationToken cancellationToken)
    {
        Notice = localizer["Your story changed while you were editing — a moderator may have just reviewed it. Nothing was saved, and your changes are still here: check them against the story as it stands now, then send them again."];
        Review = await DraftReview.ForAsync(db, Draft, StoryFindings.Of(Draft.ToContent()), privacy.Value, cancellationToken);
        EditingVersion = Story?.Version;
        Step = Story?.CanBeEditedByAuthor == true ? MyStoryStep.PreviewEdit : MyStoryStep.Status;
    }

    private async Task<bool> ValidateAsync(CancellationToken cancellationToken)
    {
        Draft.Clean(storyLanguages.ForThisPage);
        ModelState.Clear();
        var result = await validator.ValidateAsync(Draft, cancellationToken);
        result.AddToModelState(ModelState, nameof(Draft));
        Step = MyStoryStep.Edit;
        return result.IsValid;
    }

    private async Task<bool> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(cancellationToken);
            return false;
        }
    }
}
