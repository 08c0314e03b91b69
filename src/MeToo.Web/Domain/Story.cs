using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text;

namespace MeToo.Web.Domain;

/// <summary>
/// A survivor's story and its whole life (docs/moderation.md): what the author may change, what a
/// moderator decides, what is under review and what approval publishes, what redaction covers, and
/// erasure. Every rule of that life is written here once; pages and services call it. Every
/// transition refuses an illegal move and bumps <see cref="Version"/>, the optimistic concurrency
/// token. Author days are <see cref="DateOnly"/>: nothing finer than the UTC day is ever stored.
/// </summary>
public sealed class Story
{
    /// <summary>The longest title, text and display name a story may have (after cleaning).</summary>
    public const int TitleMaxLength = 120;
    public const int BodyMaxLength = 20_000;
    public const int BodyMinLength = 30;
    public const int DisplayNameMaxLength = 40;

    /// <summary>The longest message a moderator may leave for the author, and note about a rejection.</summary>
    public const int ModeratorMessageMaxLength = 2000;
    public const int RejectionNoteMaxLength = 1000;

    /// <summary>
    /// The stories waiting for a moderator's decision, as SQL: everything pending, and published
    /// stories with an author's edit waiting. The same rule as <see cref="UnderReview"/>.
    /// </summary>
    public static readonly Expression<Func<Story, bool>> AwaitsDecision =
        s => s.Status == StoryStatus.Pending || (s.Status == StoryStatus.Published && s.PendingRevision != null);

    private readonly List<StoryTag> _tags = [];
    private readonly List<ScreeningMarker> _markers = [];

    private Story()
    {
        PublicId = string.Empty;
        Body = string.Empty;
        Language = StoryLanguages.Default;
        ReceiptHash = [];
    }

    /// <summary>Internal sequence: orders the moderation queue, never shown publicly.</summary>
    public long Id { get; private set; }

    /// <summary>Random public id (privacy rule 3): never sequential.</summary>
    public string PublicId { get; private set; }

    public string? Title { get; private set; }

    public string Body { get; private set; }

    /// <summary>Null when the story is anonymous: the anonymous flag removes the name entirely.</summary>
    public string? DisplayName { get; private set; }

    public bool IsAnonymous => DisplayName is null;

    public int? Year { get; private set; }

    public string? CountryCode { get; private set; }

    /// <summary>The language the story is written in (<see cref="StoryLanguages"/>): a quasi-identifier, like the country.</summary>
    public string Language { get; private set; }

    public DateOnly SubmittedOn { get; private set; }

    /// <summary>The approval day; the public page shows only its month.</summary>
    public DateOnly? PublishedOn { get; private set; }

    /// <summary>Its place in every public list (<see cref="Domain.PublicOrder"/>), fixed at its first publication.</summary>
    public long? PublicOrder { get; private set; }

    /// <summary>The day of the latest state change, for retention.</summary>
    public DateOnly StatusChangedOn { get; private set; }

    public StoryStatus Status { get; private set; }

    /// <summary>Why a pending story is pending: what its live text is (see <see cref="Versions"/>).</summary>
    public ReviewReason ReviewReason { get; private set; }

    /// <summary>Bumped by every transition; the concurrency token. Support counts never touch it.</summary>
    public int Version { get; private set; }

    /// <summary>Updated only by an atomic SQL increment, never through the entity.</summary>
    public int SupportCount { get; private set; }

    /// <summary>HMAC-SHA256 of the receipt under the configured pepper; the receipt itself is never stored.</summary>
    public byte[] ReceiptHash { get; private set; }

    /// <summary>The message moderators leave for the author when they request changes or decline an edit.</summary>
    public string? ModeratorMessage { get; private set; }

    public RejectionReason? RejectionReason { get; private set; }

    public string? RejectionNote { get; private set; }

    /// <summary>The author's opt-in to the open research data set; off by default.</summary>
    public bool OpenData { get; private set; }

    /// <summary>
    /// A fictional story made by the demo data or the <c>seed</c> command, never by a person. The
    /// seed command refuses a database holding any other kind, so load-test stories never inflate a
    /// real site's numbers or its open data; the export leaves them out too.
    /// </summary>
    public bool Synthetic { get; private set; }

    /// <summary>An author's edit of the published story, waiting for review.</summary>
    public StoryRevision? PendingRevision { get; private set; }

    /// <summary>Hidden after reports: goes to the top of the queue.</summary>
    public bool IsPriority { get; private set; }

    /// <summary>A moderator decided to keep it after reports: no automatic hiding until this day.</summary>
    public DateOnly? ProtectedUntil { get; private set; }

    /// <summary>SHA-256 of the normalized text, to mark duplicates. Goes with the story.</summary>
    public byte[]? TextHash { get; private set; }

    /// <summary>Erased in this unit of work (withdrawn or removed): nothing more may happen to it.</summary>
    public bool IsErased { get; private set; }

    public IReadOnlyCollection<StoryTag> Tags => _tags;

    /// <summary>What screening found in every version that can become public (see <see cref="Versions"/>).</summary>
    public IReadOnlyCollection<ScreeningMarker> Markers => _markers;

    public IEnumerable<string> Settings => KeysOf(TaxonomyKind.Setting);

    public IEnumerable<string> Experiences => KeysOf(TaxonomyKind.Experience);

    public IEnumerable<string> ContentWarnings => KeysOf(TaxonomyKind.ContentWarning);

    /// <summary>The live version: what the author wrote and chose, as it stands now (not a waiting edit).</summary>
    public StoryContent Content =>
        new(Title, Body, DisplayName, Year, CountryCode, [.. Settings], [.. Experiences], [.. ContentWarnings], Language);

    /// <summary>What the author last wrote: their waiting edit if there is one, else the live version.</summary>
    public StoryContent LatestAuthorVersion => PendingRevision?.ToContent() ?? Content;

    /// <summary>A rejected story cannot be edited (it may be withdrawn); every other story can.</summary>
    public bool CanBeEditedByAuthor => Status != StoryStatus.Rejected && !IsErased;

    /// <summary>What kind of decision the story waits for, if any.</summary>
    public ReviewKind UnderReview => Status switch
    {
        _ when IsErased => ReviewKind.None,
        StoryStatus.Pending when PendingRevision is not null => ReviewKind.BackInReviewWithEdit,
        StoryStatus.Pending when PublishedOn is not null => ReviewKind.BackInReview,
        StoryStatus.Pending => ReviewKind.NewStory,
        StoryStatus.Published when PendingRevision is not null => ReviewKind.EditOfPublished,
        _ => ReviewKind.None,
    };

    /// <summary>
    /// Every version of the story that is public or can become public, each saying which it is:
    /// the live version (submitted, published, or hidden while it is reviewed again) and the
    /// author's waiting edit, if any. A rejected story has none. Redaction covers all of them, and
    /// screening markers are computed over all of them.
    /// </summary>
    public IReadOnlyList<StoryVersion> Versions
    {
        get
        {
            if (Status == StoryStatus.Rejected || IsErased)
            {
                return [];
            }

            var live = new StoryVersion(LiveVersionKind, Content);
            return PendingRevision is null ? [live] : [live, new StoryVersion(StoryVersionKind.Edit, PendingRevision.ToContent())];
        }
    }

    /// <summary>
    /// What approval publishes, unless the moderator chooses otherwise: the author's edit if one
    /// waits (their latest words — it may be the edit that removes a reported name), else the live version.
    /// </summary>
    public StoryContent PublishedOnApproval => LatestAuthorVersion;

    private StoryVersionKind LiveVersionKind => (Status, ReviewReason) switch
    {
        (StoryStatus.Published, _) => StoryVersionKind.Published,
        (_, ReviewReason.ReturnedByModerator or ReviewReason.HiddenAfterReports) => StoryVersionKind.Hidden,
        (_, ReviewReason.AuthorChange) => StoryVersionKind.TakenDownAndChanged,
        _ => StoryVersionKind.Submitted,
    };

    /// <summary>Marks a story as made by the demo data, not by a person (<see cref="Synthetic"/>).</summary>
    public void MarkSynthetic() => Synthetic = true;

    public static Story Submit(string publicId, StoryContent content, byte[] receiptHash, DateOnly today, bool openData = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publicId);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(receiptHash);
        var story = new Story
        {
            PublicId = publicId,
            ReceiptHash = receiptHash,
            SubmittedOn = today,
            StatusChangedOn = today,
            Status = StoryStatus.Pending,
            ReviewReason = ReviewReason.New,
            Version = 1,
            OpenData = openData,
        };
        story.ApplyContent(content);
        return story;
    }

    // ---- The author's changes -------------------------------------------------------------------

    /// <summary>
    /// The author's edit, wherever the story stands: a story that is not public is changed in place
    /// (and goes back to review); a published story keeps its public version while the edit waits,
    /// unless the author asks to take it down now. A rejected story cannot be edited.
    /// </summary>
    public AuthorEdit Edit(StoryContent content, bool takeDownNow, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(content);
        switch (Status)
        {
            case StoryStatus.Published when takeDownNow:
                TakeDownAndRevise(content, today);
                return AuthorEdit.TakenDown;
            case StoryStatus.Published:
                ProposeRevision(content, today);
                return AuthorEdit.WaitingBesidePublished;
            default:
                Revise(content, today);
                return AuthorEdit.SavedForReview;
        }
    }

    /// <summary>
    /// The author's edit of a story that is not public: Pending stays Pending, ChangesRequested
    /// goes back to Pending. The new words replace the live version and any waiting edit.
    /// </summary>
    public void Revise(StoryContent content, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (IsErased || Status is not (StoryStatus.Pending or StoryStatus.ChangesRequested))
        {
            throw new IllegalTransitionException(Status, "edited directly");
        }

        PendingRevision = null;
        ApplyContent(content);
        ReviewReason = PublishedOn is null ? ReviewReason.New : ReviewReason.AuthorChange;
        MoveTo(StoryStatus.Pending, today);
    }

    /// <summary>
    /// The author's edit of a published story: held as a waiting edit while the published version
    /// stays up. A newer edit replaces an older one.
    /// </summary>
    public void ProposeRevision(StoryContent content, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(content);
        Require(StoryStatus.Published, "revised while it stays up");
        if (PendingRevision is null)
        {
            PendingRevision = StoryRevision.From(content, today);
        }
        else
        {
            PendingRevision.Replace(content, today);
        }

        Version++;
    }

    /// <summary>
    /// The author's edit of a published story that must not stay up (for instance to remove
    /// something identifying): the new text replaces the old and the story leaves the public at once.
    /// </summary>
    public void TakeDownAndRevise(StoryContent content, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(content);
        Require(StoryStatus.Published, "taken down for editing");
        PendingRevision = null;
        ApplyContent(content);
        ReviewReason = ReviewReason.AuthorChange;
        MoveTo(StoryStatus.Pending, today);
    }

    /// <summary>The author's choice about the open research data set. Not a moderation decision.</summary>
    public void SetOpenDataConsent(bool consent)
    {
        RequireNotErased("given consent");
        OpenData = consent;
    }

    // ---- Moderators' decisions ------------------------------------------------------------------

    /// <summary>
    /// Publishes what is under review. A new story or one back in review is published (keeping
    /// its first publication day); an edit of a published story replaces the published text. When a
    /// story went back to review while an edit waited, the moderator must say which version to
    /// publish (decision record 0008): the author's edit, or the earlier text, declining the edit.
    /// </summary>
    public StoryDecision Approve(DateOnly today, IEnumerable<string>? extraContentWarnings = null, ApprovalChoice? choice = null)
    {
        var kind = UnderReview;
        StoryDecision decision;
        switch (kind)
        {
            case ReviewKind.NewStory or ReviewKind.BackInReview:
                decision = StoryDecision.Published;
                break;
            case ReviewKind.EditOfPublished:
                ApplyContent(PendingRevision!.ToContent());
                PendingRevision = null;
                decision = StoryDecision.EditPublished;
                break;
            case ReviewKind.BackInReviewWithEdit when choice == ApprovalChoice.TheEdit:
                ApplyContent(PendingRevision!.ToContent());
                PendingRevision = null;
                decision = StoryDecision.EditPublished;
                break;
            case ReviewKind.BackInReviewWithEdit when choice == ApprovalChoice.TheEarlierVersion:
                PendingRevision = null;
                decision = StoryDecision.PublishedEditDeclined;
                break;
            case ReviewKind.BackInReviewWithEdit:
                throw new IllegalTransitionException(Status, "approved without choosing between the earlier text and the author's edit");
            default:
                throw new IllegalTransitionException(Status, "approved");
        }

        foreach (var warning in extraContentWarnings ?? [])
        {
            AddTag(TaxonomyKind.ContentWarning, warning);
        }

        PublishedOn ??= today;
        PublicOrder ??= Domain.PublicOrder.Of(PublishedOn.Value, PublicId);
        ModeratorMessage = null;
        IsPriority = false;
        ReviewReason = ReviewReason.New;
        MoveTo(StoryStatus.Published, today);
        return decision;
    }

    /// <summary>
    /// Sends the story back to its author with a message they read at /my-story. For an edit of a
    /// published story, the edit is declined and the published text stays. A waiting edit of a story
    /// back in review is kept: the author continues from their latest words.
    /// </summary>
    public StoryDecision RequestChanges(string message, DateOnly today)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        switch (UnderReview)
        {
            case ReviewKind.EditOfPublished:
                DeclineRevision(today, message);
                return StoryDecision.EditDeclined;
            case ReviewKind.NewStory or ReviewKind.BackInReview or ReviewKind.BackInReviewWithEdit:
                ModeratorMessage = message;
                IsPriority = false;
                MoveTo(StoryStatus.ChangesRequested, today);
                return StoryDecision.ChangesRequested;
            default:
                throw new IllegalTransitionException(Status, "sent back for changes");
        }
    }

    /// <summary>
    /// Rejects what is under review, with a reason code and an optional note. A pending story is
    /// rejected whole (a waiting edit with it: neither version will be published); for an edit of a
    /// published story, only the edit is declined.
    /// </summary>
    public StoryDecision Reject(RejectionReason reason, string? note, DateOnly today)
    {
        switch (UnderReview)
        {
            case ReviewKind.EditOfPublished:
                DeclineRevision(today);
                return StoryDecision.EditDeclined;
            case ReviewKind.NewStory or ReviewKind.BackInReview or ReviewKind.BackInReviewWithEdit:
                PendingRevision = null;
                RejectionReason = reason;
                RejectionNote = string.IsNullOrWhiteSpace(note) ? null : note;
                IsPriority = false;
                MoveTo(StoryStatus.Rejected, today);
                return StoryDecision.Rejected;
            default:
                throw new IllegalTransitionException(Status, "rejected");
        }
    }

    /// <summary>A moderator accepts the waiting edit of a published story: its text replaces the published one.</summary>
    public void ApproveRevision(DateOnly today)
    {
        if (UnderReview != ReviewKind.EditOfPublished)
        {
            throw new IllegalTransitionException(Status, PendingRevision is null ? "given an edit it does not have" : "given an edit while it is not published");
        }

        Approve(today);
    }

    /// <summary>
    /// A moderator declines the waiting edit of a published story: the published version stays
    /// as it is, and the author may read why at /my-story.
    /// </summary>
    public void DeclineRevision(DateOnly today, string? message = null)
    {
        RequireNotErased("relieved of an edit");
        if (PendingRevision is null)
        {
            throw new IllegalTransitionException(Status, "relieved of an edit it does not have");
        }

        if (Status != StoryStatus.Published)
        {
            throw new IllegalTransitionException(Status, "relieved of an edit while it is reviewed again (decide both versions)");
        }

        PendingRevision = null;
        ModeratorMessage = string.IsNullOrWhiteSpace(message) ? null : message;
        StatusChangedOn = today;
        Version++;
    }

    /// <summary>Published → Pending: another look, at a moderator's request. A waiting edit stays, to be decided with it.</summary>
    public void ReturnToReview(DateOnly today)
    {
        Require(StoryStatus.Published, "returned to review");
        ReviewReason = ReviewReason.ReturnedByModerator;
        MoveTo(StoryStatus.Pending, today);
    }

    /// <summary>
    /// Published → Pending at the top of the queue, after enough reports (when an admin turned
    /// that on). A waiting edit stays, to be decided with it.
    /// </summary>
    public void HideForReview(DateOnly today)
    {
        Require(StoryStatus.Published, "hidden for review");
        IsPriority = true;
        ReviewReason = ReviewReason.HiddenAfterReports;
        MoveTo(StoryStatus.Pending, today);
    }

    /// <summary>A moderator keeps a reported story: automatic hiding leaves it alone until <paramref name="until"/>.</summary>
    public void Keep(DateOnly until)
    {
        Require(StoryStatus.Published, "kept");
        ProtectedUntil = until;
        Version++;
    }

    public bool IsProtectedOn(DateOnly today) => ProtectedUntil is { } until && until >= today;

    /// <summary>
    /// A moderator's redaction (privacy rule 5): every version that can become public is given
    /// its redacted title, text and display name at once — the live one and the author's waiting
    /// edit, if any — so nothing redacted can come back through another version. The originals
    /// are not kept.
    /// </summary>
    public void Redact(Redaction live, Redaction? edit, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(live);
        RequireNotErased("redacted");
        if (Status == StoryStatus.Rejected)
        {
            throw new IllegalTransitionException(Status, "redacted");
        }

        if ((edit is null) != (PendingRevision is null))
        {
            throw new IllegalTransitionException(Status, PendingRevision is null
                ? "redacted in an edit it does not have"
                : "redacted in one version only: the author's waiting edit must be redacted with it");
        }

        ApplyText(live);
        if (edit is not null)
        {
            PendingRevision!.Redact(edit);
        }

        Version++;
        StatusChangedOn = today;
    }

    /// <summary>Replaces the screening markers with those of <see cref="Versions"/> as they stand now.</summary>
    public void ReplaceMarkers(IEnumerable<ScreeningMarker> markers)
    {
        ArgumentNullException.ThrowIfNull(markers);
        var wanted = markers.GroupBy(m => m.Kind).ToDictionary(g => g.Key, g => g.Sum(m => m.Count));
        _markers.RemoveAll(m => !wanted.TryGetValue(m.Kind, out var count) || count != m.Count);
        foreach (var (kind, count) in wanted)
        {
            if (!_markers.Any(m => m.Kind == kind))
            {
                _markers.Add(new ScreeningMarker(kind, count));
            }
        }
    }

    // ---- The end ----------------------------------------------------------------------------------

    /// <summary>
    /// Any state → gone (privacy rule 8). The author's withdrawal and a moderator's removal are the
    /// same erasure: the row and everything tied to it — tags, markers, the waiting edit, reports,
    /// the claim, the support rank (by cascade), the search-index entry (by trigger), the staff
    /// audit's reference to it, its once-a-day support and report keys, every cached page — and the
    /// write-ahead log is truncated so the text lingers nowhere. <c>Infrastructure.StoryErasure</c>
    /// carries it out; this marks the story so nothing more may happen to it.
    /// </summary>
    public void Erase()
    {
        RequireNotErased("erased");
        IsErased = true;
        Version++;
    }

    /// <summary>The same words in the same order, whatever the case, spacing and punctuation.</summary>
    public static byte[] HashOfText(string body)
    {
        var words = string.Join(' ', (body ?? string.Empty).ToLowerInvariant()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()))
            .Where(w => w.Length > 0));
        return SHA256.HashData(Encoding.UTF8.GetBytes(words));
    }

    private void ApplyContent(StoryContent content)
    {
        ApplyText(new Redaction(content.Title, content.Body, content.DisplayName));
        Year = content.Year;
        CountryCode = content.CountryCode;
        Language = content.Language;
        // Sync rather than clear: re-adding a tag with the same key would confuse change tracking.
        var wanted = content.Settings.Select(k => (TaxonomyKind.Setting, k))
            .Concat(content.Experiences.Select(k => (TaxonomyKind.Experience, k)))
            .Concat(content.ContentWarnings.Select(k => (TaxonomyKind.ContentWarning, k)))
            .ToHashSet();
        _tags.RemoveAll(t => !wanted.Contains((t.Kind, t.Key)));
        foreach (var (kind, key) in wanted)
        {
            AddTag(kind, key);
        }
    }

    private void ApplyText(Redaction text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text.Body);
        Title = string.IsNullOrWhiteSpace(text.Title) ? null : text.Title;
        Body = text.Body;
        DisplayName = string.IsNullOrWhiteSpace(text.DisplayName) ? null : text.DisplayName;
        TextHash = HashOfText(text.Body);
    }

    private void AddTag(TaxonomyKind kind, string key)
    {
        if (!_tags.Any(t => t.Kind == kind && t.Key == key))
        {
            _tags.Add(new StoryTag(kind, key));
        }
    }

    private IEnumerable<string> KeysOf(TaxonomyKind kind) =>
        _tags.Where(t => t.Kind == kind).Select(t => t.Key);

    private void Require(StoryStatus expected, string action)
    {
        RequireNotErased(action);
        if (Status != expected)
        {
            throw new IllegalTransitionException(Status, action);
        }
    }

    private void RequireNotErased(string action)
    {
        if (IsErased)
        {
            throw new IllegalTransitionException($"An erased story cannot be {action}.");
        }
    }

    private void MoveTo(StoryStatus status, DateOnly today)
    {
        Status = status;
        StatusChangedOn = today;
        Version++;
    }
}
