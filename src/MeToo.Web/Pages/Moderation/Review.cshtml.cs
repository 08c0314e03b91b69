using MeToo.Web.Data;
using MeToo.Web.Data.Configurations;
using MeToo.Web.Domain;
using MeToo.Web.Moderation;
using MeToo.Web.Privacy;
using MeToo.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Pages.Moderation;

/// <summary>
/// One story under review. Opening it claims it for a few minutes; the text is blurred until the
/// moderator reveals it; content warnings and markers come first. Every decision carries the
/// version the moderator saw.
/// </summary>
public sealed class ReviewModel(
    AppDbContext db,
    ModerationDesk desk,
    StoryScreening screening,
    Taxonomy taxonomy,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int MessageMaxLength = 2000;
    public const int NoteMaxLength = 1000;

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public bool Confirmed { get; set; }

    [BindProperty]
    public List<string> ExtraWarnings { get; set; } = [];

    [BindProperty]
    public string? Message { get; set; }

    [BindProperty]
    public RejectionReason? Reason { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public string? RedactTitle { get; set; }

    [BindProperty]
    public string? RedactBody { get; set; }

    public Story Story { get; private set; } = null!;

    /// <summary>What is under review: the pending revision's content if there is one, else the story's.</summary>
    public StoryContent UnderReview { get; private set; } = null!;

    public bool IsRevision => Story.Status == StoryStatus.Published && Story.PendingRevision is not null;

    public IReadOnlyList<Finding> BodyFindings { get; private set; } = [];

    public IReadOnlyList<Finding> OtherFindings { get; private set; } = [];

    public IReadOnlyList<StoryScreening.WordMatch> Words { get; private set; } = [];

    public IReadOnlyList<StoryReport> Reports { get; private set; } = [];

    public string? Previous { get; private set; }

    public string? Next { get; private set; }

    public bool ClaimedByMe { get; private set; }

    /// <summary>A live claim on the story, by this moderator or another.</summary>
    public StoryClaim? Claim { get; private set; }

    public bool SuggestBreak { get; private set; }

    public IReadOnlyList<string> AvailableWarnings { get; private set; } = [];

    public string? Notice { get; private set; }

    public string? Error { get; private set; }

    private string Me => User.Identity!.Name!;

    private StaffAdministration.Actor Actor => StaffAdministration.Actor.Of(User);

    public async Task<IActionResult> OnGetAsync(string publicId, bool redacted, CancellationToken cancellationToken)
    {
        if (!PublicId.IsWellFormed(publicId))
        {
            return NotFound();
        }

        await desk.ClaimAsync(publicId, Me, cancellationToken);
        if (redacted)
        {
            Notice = localizer["The redaction is saved. The original text is gone."];
        }

        return await ShowAsync(publicId, cancellationToken);
    }

    public async Task<IActionResult> OnPostApproveAsync(string publicId, CancellationToken cancellationToken)
    {
        if (!Confirmed)
        {
            Error = localizer["Tick the box to confirm before publishing. A stray key must never publish a story."];
            return await ShowAsync(publicId, cancellationToken);
        }

        var warnings = ExtraWarnings.Where(w => taxonomy.IsKnown(TaxonomyKind.ContentWarning, w)).Distinct().ToList();
        return await AfterAsync(publicId, await desk.ApproveAsync(Actor, publicId, Version, warnings, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostRequestChangesAsync(string publicId, CancellationToken cancellationToken)
    {
        var message = TextCleaner.CleanText(Message);
        if (message.Length == 0 || message.Length > MessageMaxLength)
        {
            ModelState.AddModelError(nameof(Message), localizer["Write a message for the author (up to {0} characters): what to change, and why.", MessageMaxLength]);
            return await ShowAsync(publicId, cancellationToken);
        }

        return await AfterAsync(publicId, await desk.RequestChangesAsync(Actor, publicId, Version, message, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostRejectAsync(string publicId, CancellationToken cancellationToken)
    {
        var note = TextCleaner.CleanText(Note);
        if (Reason is not { } reason || !Enum.IsDefined(reason))
        {
            ModelState.AddModelError(nameof(Reason), localizer["Choose a reason."]);
        }

        if (note.Length > NoteMaxLength)
        {
            ModelState.AddModelError(nameof(Note), localizer["The note can be up to {0} characters.", NoteMaxLength]);
        }

        if (!ModelState.IsValid)
        {
            return await ShowAsync(publicId, cancellationToken);
        }

        return await AfterAsync(publicId, await desk.RejectAsync(Actor, publicId, Version, Reason!.Value, note, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostRedactAsync(string publicId, CancellationToken cancellationToken)
    {
        var title = TextCleaner.CleanLine(RedactTitle);
        var body = TextCleaner.CleanText(RedactBody);
        if (title.Length > StoryConfiguration.TitleMaxLength)
        {
            ModelState.AddModelError(nameof(RedactTitle), localizer["The title can be up to {0} characters.", StoryConfiguration.TitleMaxLength]);
        }

        if (body.Length == 0 || body.Length > StoryConfiguration.BodyMaxLength)
        {
            ModelState.AddModelError(nameof(RedactBody), localizer["The text cannot be empty or longer than {0} characters. To remove a whole story, reject it.", StoryConfiguration.BodyMaxLength]);
        }

        if (!ModelState.IsValid)
        {
            return await ShowAsync(publicId, cancellationToken);
        }

        var current = await db.Stories.AsNoTracking().Include(s => s.Tags).Include(s => s.PendingRevision).SingleOrDefaultAsync(s => s.PublicId == publicId, cancellationToken);
        if (current is null)
        {
            return await AfterAsync(publicId, DecisionResult.NotFound, cancellationToken);
        }

        var content = (current.PendingRevision?.ToContent() ?? current.Content) with { Title = title, Body = body };
        var markers = await screening.MarkersAsync(content, current.Id, cancellationToken);
        var result = await desk.RedactAsync(Actor, publicId, Version, title, body, markers, cancellationToken);
        return result == DecisionResult.Done
            ? Redirect($"/moderation/review/{publicId}?redacted=true")
            : await AfterAsync(publicId, result, cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(string publicId, DecisionResult result, CancellationToken cancellationToken)
    {
        switch (result)
        {
            case DecisionResult.Done:
                return Redirect("/moderation?done=1");
            case DecisionResult.NotFound:
                return Redirect("/moderation");
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
        var story = await db.Stories.AsNoTracking()
            .Include(s => s.Tags)
            .Include(s => s.Markers)
            .Include(s => s.PendingRevision)
            .SingleOrDefaultAsync(s => s.PublicId == publicId, cancellationToken);
        if (story is null)
        {
            return NotFound();
        }

        Story = story;
        UnderReview = story.Status == StoryStatus.Published && story.PendingRevision is not null
            ? story.PendingRevision.ToContent()
            : story.Content;
        Version = story.Version;
        var now = time.GetUtcNow().UtcDateTime;
        Claim = await desk.ClaimOnAsync(story.Id, cancellationToken);
        ClaimedByMe = Claim?.ClaimedBy == Me;
        BodyFindings = IdentifyingDetails.Find(UnderReview.Body, UnderReview.CountryCode);
        OtherFindings = [.. IdentifyingDetails.Find(UnderReview.Title, UnderReview.CountryCode), .. IdentifyingDetails.Find(UnderReview.DisplayName, UnderReview.CountryCode)];
        Words = await screening.WordsInAsync(string.Join('\n', UnderReview.Title, UnderReview.Body, UnderReview.DisplayName), cancellationToken);
        Reports = await db.StoryReports.AsNoTracking().Where(r => r.StoryId == story.Id).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        (Previous, Next) = await QueueQueries.NeighboursAsync(db, publicId, cancellationToken);
        SuggestBreak = await QueueQueries.LongRunAsync(db, Me, now, cancellationToken);
        AvailableWarnings = [.. taxonomy.ContentWarnings.Where(w => !UnderReview.ContentWarnings.Contains(w))];
        RedactTitle ??= UnderReview.Title;
        RedactBody ??= UnderReview.Body;
        return Page();
    }
}
