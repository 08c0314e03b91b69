using FluentValidation;
using FluentValidation.AspNetCore;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Moderation;
using MeToo.Web.Privacy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Pages.Moderation;

/// <summary>
/// One story under review. Opening it claims it for a few minutes; the text is blurred until the
/// moderator reveals it; content warnings and markers come first; every version that can become
/// public is shown, saying which is which (<see cref="Story.Versions"/>). Every decision carries
/// the version the moderator saw. The decision forms post flat field names (<c>Version</c>,
/// <c>Message</c>…), bound to each handler's input model and checked by its validator.
/// </summary>
public sealed class ReviewModel(
    AppDbContext db,
    ModerationDesk desk,
    StoryScreening screening,
    Taxonomy taxonomy,
    TimeProvider time,
    IValidator<ReviewModel.ApproveInput> approveValidator,
    IValidator<ReviewModel.RequestChangesInput> requestChangesValidator,
    IValidator<ReviewModel.RejectInput> rejectValidator,
    IValidator<ReviewModel.RedactInput> redactValidator,
    StoryLanguages languages,
    Microsoft.AspNetCore.Identity.UserManager<StaffUser> users,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>The language of the version to decide on, named in the moderator's language.</summary>
    public string LanguageName => languages.NameInText(UnderReview.Language);

    /// <summary>The moderator said which languages they read, and this story's is not one of them.</summary>
    public bool NotALanguageTheyRead { get; private set; }

    public sealed class ApproveInput
    {
        public int Version { get; set; }

        public bool Confirmed { get; set; }

        public List<string> ExtraWarnings { get; set; } = [];

        /// <summary>For a story back in review with an edit waiting: which version to publish.</summary>
        public ApprovalChoice? Choice { get; set; }

        /// <summary>Set from the story, never from the form: whether <see cref="Choice"/> is needed.</summary>
        [BindNever]
        public bool ChoiceNeeded { get; set; }
    }

    public sealed class ApproveInputValidator : AbstractValidator<ApproveInput>
    {
        public ApproveInputValidator(Taxonomy taxonomy, IStringLocalizer<SharedResource> l)
        {
            RuleFor(i => i.Confirmed).Equal(true)
                .WithMessage(_ => l["Tick the box to confirm before publishing. A stray key must never publish a story."]);
            RuleForEach(i => i.ExtraWarnings).Must(w => taxonomy.IsKnown(TaxonomyKind.ContentWarning, w))
                .WithMessage(_ => l["Please choose content warnings from the list."]);
            RuleFor(i => i.Choice).NotNull().When(i => i.ChoiceNeeded)
                .WithMessage(_ => l["Choose which version to publish: the author's edit, or the earlier text."]);
            RuleFor(i => i.Choice).Must(c => c is null || Enum.IsDefined(c.Value))
                .WithMessage(_ => l["Choose which version to publish: the author's edit, or the earlier text."]);
        }
    }

    public sealed class RequestChangesInput
    {
        public int Version { get; set; }

        public string? Message { get; set; }
    }

    public sealed class RequestChangesInputValidator : AbstractValidator<RequestChangesInput>
    {
        public RequestChangesInputValidator(IStringLocalizer<SharedResource> l) =>
            RuleFor(i => i.Message).NotEmpty().MaximumLength(Story.ModeratorMessageMaxLength)
                .WithMessage(_ => l["Write a message for the author (up to {0} characters): what to change, and why.", Story.ModeratorMessageMaxLength]);
    }

    public sealed class RejectInput
    {
        public int Version { get; set; }

        public RejectionReason? Reason { get; set; }

        public string? Note { get; set; }
    }

    public sealed class RejectInputValidator : AbstractValidator<RejectInput>
    {
        public RejectInputValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(i => i.Reason).NotNull().Must(r => r is null || Enum.IsDefined(r.Value)).WithMessage(_ => l["Choose a reason."]);
            RuleFor(i => i.Note).MaximumLength(Story.RejectionNoteMaxLength)
                .WithMessage(_ => l["The note can be up to {0} characters.", Story.RejectionNoteMaxLength]);
        }
    }

    /// <summary>The redacted title, text and name of the live version, and of the author's edit when one waits.</summary>
    public sealed class RedactInput
    {
        public int Version { get; set; }

        public string? RedactTitle { get; set; }

        public string? RedactBody { get; set; }

        public string? RedactName { get; set; }

        public string? RedactEditTitle { get; set; }

        public string? RedactEditBody { get; set; }

        public string? RedactEditName { get; set; }

        /// <summary>Set from the story, never from the form: whether an edit waits and must be redacted too.</summary>
        [BindNever]
        public bool HasEdit { get; set; }

        public Redaction Live => new(RedactTitle, RedactBody ?? string.Empty, RedactName);

        public Redaction? Edit => HasEdit ? new(RedactEditTitle, RedactEditBody ?? string.Empty, RedactEditName) : null;

        public void Clean()
        {
            RedactTitle = TextCleaner.CleanLine(RedactTitle);
            RedactBody = TextCleaner.CleanText(RedactBody);
            RedactName = TextCleaner.CleanLine(RedactName);
            RedactEditTitle = TextCleaner.CleanLine(RedactEditTitle);
            RedactEditBody = TextCleaner.CleanText(RedactEditBody);
            RedactEditName = TextCleaner.CleanLine(RedactEditName);
        }
    }

    public sealed class RedactInputValidator : AbstractValidator<RedactInput>
    {
        public RedactInputValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(i => i.RedactTitle).MaximumLength(Story.TitleMaxLength)
                .WithMessage(_ => l["The title can be up to {0} characters.", Story.TitleMaxLength]);
            RuleFor(i => i.RedactBody).NotEmpty().MaximumLength(Story.BodyMaxLength)
                .WithMessage(_ => l["The text cannot be empty or longer than {0} characters. To remove a whole story, reject it.", Story.BodyMaxLength]);
            RuleFor(i => i.RedactName).MaximumLength(Story.DisplayNameMaxLength)
                .WithMessage(_ => l["The name can be up to {0} characters. Leave it empty to make the story anonymous.", Story.DisplayNameMaxLength]);
            When(i => i.HasEdit, () =>
            {
                RuleFor(i => i.RedactEditTitle).MaximumLength(Story.TitleMaxLength)
                    .WithMessage(_ => l["The title can be up to {0} characters.", Story.TitleMaxLength]);
                RuleFor(i => i.RedactEditBody).NotEmpty().MaximumLength(Story.BodyMaxLength)
                    .WithMessage(_ => l["The text of the author's edit cannot be empty or longer than {0} characters. To drop the edit, decline it.", Story.BodyMaxLength]);
                RuleFor(i => i.RedactEditName).MaximumLength(Story.DisplayNameMaxLength)
                    .WithMessage(_ => l["The name can be up to {0} characters. Leave it empty to make the story anonymous.", Story.DisplayNameMaxLength]);
            });
        }
    }

    public Story Story { get; private set; } = null!;

    /// <summary>Every version that is public or can become public, with what detection found in it, computed once.</summary>
    public IReadOnlyList<ScreenedVersion> Versions { get; private set; } = [];

    /// <summary>Screening-list words in each version, in the same order as <see cref="Versions"/>.</summary>
    public IReadOnlyList<IReadOnlyList<StoryScreening.WordMatch>> Words { get; private set; } = [];

    public ReviewKind Kind => Story.UnderReview;

    public bool HasEdit => Story.PendingRevision is not null;

    /// <summary>The version approval publishes (the author's edit, if one waits).</summary>
    public StoryContent UnderReview => Story.PublishedOnApproval;

    public int Version { get; private set; }

    public IReadOnlyList<StoryReport> Reports { get; private set; } = [];

    public string? Previous { get; private set; }

    public string? Next { get; private set; }

    public bool ClaimedByMe { get; private set; }

    /// <summary>A live claim on the story, by this moderator or another.</summary>
    public StoryClaim? Claim { get; private set; }

    public bool SuggestBreak { get; private set; }

    public IReadOnlyList<string> AvailableWarnings { get; private set; } = [];

    /// <summary>What the moderator typed, shown again after an error.</summary>
    public string? Message { get; private set; }

    public RejectionReason? Reason { get; private set; }

    public string? Note { get; private set; }

    public ApprovalChoice? Choice { get; private set; }

    public RedactInput Redact { get; private set; } = new();

    public string? Notice { get; private set; }

    public string? Error { get; private set; }

    private Actor Me => Actor.Of(User);

    public async Task<IActionResult> OnGetAsync(string publicId, bool redacted, CancellationToken cancellationToken)
    {
        if (!PublicId.IsWellFormed(publicId))
        {
            return NotFound();
        }

        await desk.ClaimAsync(Me, publicId, cancellationToken);
        if (redacted)
        {
            Notice = localizer["The redaction is saved. The original text is gone."];
        }

        return await ShowAsync(publicId, cancellationToken);
    }

    public async Task<IActionResult> OnPostApproveAsync(string publicId, ApproveInput approve, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approve);
        approve.ChoiceNeeded = (await FindAsync(publicId, cancellationToken))?.UnderReview == ReviewKind.BackInReviewWithEdit;
        Choice = approve.Choice;
        if (!await ValidAsync(approveValidator, approve, cancellationToken))
        {
            Error = ModelState[nameof(ApproveInput.Confirmed)]?.Errors.FirstOrDefault()?.ErrorMessage;
            return await ShowAsync(publicId, cancellationToken);
        }

        var warnings = approve.ExtraWarnings.Distinct(StringComparer.Ordinal).ToList();
        return await AfterAsync(publicId, await desk.ApproveAsync(Me, publicId, approve.Version, warnings, approve.Choice, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostRequestChangesAsync(string publicId, RequestChangesInput changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        changes.Message = TextCleaner.CleanText(changes.Message);
        Message = changes.Message;
        if (!await ValidAsync(requestChangesValidator, changes, cancellationToken))
        {
            return await ShowAsync(publicId, cancellationToken);
        }

        return await AfterAsync(publicId, await desk.RequestChangesAsync(Me, publicId, changes.Version, changes.Message, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostRejectAsync(string publicId, RejectInput reject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reject);
        reject.Note = TextCleaner.CleanText(reject.Note);
        (Reason, Note) = (reject.Reason, reject.Note);
        if (!await ValidAsync(rejectValidator, reject, cancellationToken))
        {
            return await ShowAsync(publicId, cancellationToken);
        }

        return await AfterAsync(publicId, await desk.RejectAsync(Me, publicId, reject.Version, reject.Reason!.Value, reject.Note, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostRedactAsync(string publicId, RedactInput redact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(redact);
        redact.Clean();
        redact.HasEdit = (await FindAsync(publicId, cancellationToken))?.PendingRevision is not null;
        Redact = redact;
        if (!await ValidAsync(redactValidator, redact, cancellationToken))
        {
            return await ShowAsync(publicId, cancellationToken);
        }

        var result = await desk.RedactAsync(Me, publicId, redact.Version, redact.Live, redact.Edit, cancellationToken);
        if (result == DecisionResult.Done)
        {
            return LocalRedirect($"~/moderation/review/{publicId}?redacted=true");
        }

        Redact = new RedactInput();
        return await AfterAsync(publicId, result, cancellationToken);
    }

    private async Task<bool> ValidAsync<T>(IValidator<T> validator, T input, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await validator.ValidateAsync(input, cancellationToken);
        result.AddToModelState(ModelState);
        return result.IsValid;
    }

    private Task<Story?> FindAsync(string publicId, CancellationToken cancellationToken) =>
        db.Stories.AsNoTracking()
            .Include(s => s.Tags)
            .Include(s => s.Markers)
            .Include(s => s.PendingRevision)
            .SingleOrDefaultAsync(s => s.PublicId == publicId, cancellationToken);

    private async Task<IActionResult> AfterAsync(string publicId, DecisionResult result, CancellationToken cancellationToken)
    {
        switch (result)
        {
            case DecisionResult.Done:
                return LocalRedirect("~/moderation?done=1");
            case DecisionResult.NotFound:
                return LocalRedirect("~/moderation");
            case DecisionResult.Stale:
                Error = localizer["Another moderator decided this story, or its author changed it, since you opened it. Nothing was changed by you. Here it is as it stands now."];
                break;
            case DecisionResult.ClaimedByOther:
                Error = localizer["Another moderator is working on this story. Nothing was changed."];
                break;
            default:
                Error = localizer["That decision does not apply to this story as it stands now."];
                break;
        }

        ModelState.Clear();
        return await ShowAsync(publicId, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(string publicId, CancellationToken cancellationToken)
    {
        var story = await FindAsync(publicId, cancellationToken);
        if (story is null)
        {
            return NotFound();
        }

        Story = story;
        Version = story.Version;
        Versions = ScreenedVersion.Of(story);
        var words = new List<IReadOnlyList<StoryScreening.WordMatch>>();
        foreach (var version in Versions)
        {
            words.Add(await screening.WordsInAsync(version.Content, cancellationToken));
        }

        Words = words;
        var now = time.GetUtcNow().UtcDateTime;
        Claim = await desk.ClaimOnAsync(story.Id, cancellationToken);
        ClaimedByMe = Claim?.ClaimedBy == Me.Name;
        Reports = await db.StoryReports.AsNoTracking().Where(r => r.StoryId == story.Id).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        (Previous, Next) = await ModerationQueue.NeighboursAsync(db, publicId, cancellationToken);
        SuggestBreak = await ModerationQueue.LongRunAsync(db, Me, now, cancellationToken);
        var reads = (await users.GetUserAsync(User))?.LanguagesRead() ?? [];
        NotALanguageTheyRead = reads.Count > 0 && !reads.Contains(UnderReview.Language);
        AvailableWarnings = [.. taxonomy.ContentWarnings.Where(w => !UnderReview.ContentWarnings.Contains(w))];
        if (Redact.RedactBody is null)
        {
            var live = story.Content;
            var edit = story.PendingRevision?.ToContent();
            Redact = new RedactInput
            {
                RedactTitle = live.Title,
                RedactBody = live.Body,
                RedactName = live.DisplayName,
                RedactEditTitle = edit?.Title,
                RedactEditBody = edit?.Body,
                RedactEditName = edit?.DisplayName,
                HasEdit = edit is not null,
            };
        }

        return Page();
    }
}
