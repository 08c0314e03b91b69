namespace MeToo.Web.Domain;

/// <summary>
/// A survivor's story and its moderation state machine (DESIGN.md section 4). Every transition is a
/// method that refuses an illegal move and bumps <see cref="Version"/>, the optimistic concurrency
/// token. Author days are <see cref="DateOnly"/>: nothing finer than the UTC day is ever stored.
/// </summary>
public sealed class Story
{
    private readonly List<StoryTag> _tags = [];
    private readonly List<ScreeningMarker> _markers = [];

    private Story()
    {
        PublicId = string.Empty;
        Body = string.Empty;
        ReceiptHash = [];
    }

    /// <summary>Internal sequence: orders the moderation queue, never shown publicly.</summary>
    public long Id { get; private set; }

    /// <summary>Random public id (DESIGN.md rule 3): never sequential.</summary>
    public string PublicId { get; private set; }

    public string? Title { get; private set; }

    public string Body { get; private set; }

    /// <summary>Null when the story is anonymous: the anonymous flag removes the name entirely.</summary>
    public string? DisplayName { get; private set; }

    public bool IsAnonymous => DisplayName is null;

    public int? Year { get; private set; }

    public string? CountryCode { get; private set; }

    public DateOnly SubmittedOn { get; private set; }

    /// <summary>The approval day; the public page shows only its month.</summary>
    public DateOnly? PublishedOn { get; private set; }

    /// <summary>The day of the latest state change, for retention.</summary>
    public DateOnly StatusChangedOn { get; private set; }

    public StoryStatus Status { get; private set; }

    /// <summary>Bumped by every transition; the concurrency token. Support counts never touch it.</summary>
    public int Version { get; private set; }

    /// <summary>Updated only by an atomic SQL increment, never through the entity.</summary>
    public int SupportCount { get; private set; }

    /// <summary>HMAC-SHA256 of the receipt under the configured pepper; the receipt itself is never stored.</summary>
    public byte[] ReceiptHash { get; private set; }

    /// <summary>The message moderators leave for the author when they request changes.</summary>
    public string? ModeratorMessage { get; private set; }

    public RejectionReason? RejectionReason { get; private set; }

    public string? RejectionNote { get; private set; }

    /// <summary>The author's opt-in to the open research data set; off by default.</summary>
    public bool OpenData { get; private set; }

    /// <summary>An author's edit of the published story, waiting for review.</summary>
    public StoryRevision? PendingRevision { get; private set; }

    /// <summary>Hidden after reports: goes to the top of the queue.</summary>
    public bool IsPriority { get; private set; }

    /// <summary>A moderator decided to keep it after reports: no automatic hiding until this day.</summary>
    public DateOnly? ProtectedUntil { get; private set; }

    /// <summary>SHA-256 of the normalized text, to mark duplicates. Goes with the story.</summary>
    public byte[]? TextHash { get; private set; }

    public IReadOnlyCollection<StoryTag> Tags => _tags;

    /// <summary>What screening found in the text under review (the revision's, if there is one).</summary>
    public IReadOnlyCollection<ScreeningMarker> Markers => _markers;

    public IEnumerable<string> Settings => KeysOf(TaxonomyKind.Setting);

    public IEnumerable<string> Experiences => KeysOf(TaxonomyKind.Experience);

    public IEnumerable<string> ContentWarnings => KeysOf(TaxonomyKind.ContentWarning);

    /// <summary>What the author wrote and chose, as it stands now (not a pending revision).</summary>
    public StoryContent Content =>
        new(Title, Body, DisplayName, Year, CountryCode, [.. Settings], [.. Experiences], [.. ContentWarnings]);

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
            Version = 1,
            OpenData = openData,
        };
        story.ApplyContent(content);
        return story;
    }

    /// <summary>Pending → Published. A story published before keeps its first publication day.</summary>
    public void Approve(DateOnly today, IEnumerable<string>? extraContentWarnings = null)
    {
        Require(StoryStatus.Pending, "approved");
        foreach (var warning in extraContentWarnings ?? [])
        {
            AddTag(TaxonomyKind.ContentWarning, warning);
        }

        PublishedOn ??= today;
        ModeratorMessage = null;
        IsPriority = false;
        MoveTo(StoryStatus.Published, today);
    }

    /// <summary>Published → Pending at the top of the queue, after enough reports (when an admin turned that on).</summary>
    public void HideForReview(DateOnly today)
    {
        Require(StoryStatus.Published, "hidden for review");
        IsPriority = true;
        MoveTo(StoryStatus.Pending, today);
    }

    /// <summary>A moderator keeps a reported story: automatic hiding leaves it alone until <paramref name="until"/>.</summary>
    public void Keep(DateOnly until)
    {
        Require(StoryStatus.Published, "kept");
        ProtectedUntil = until;
    }

    public bool IsProtectedOn(DateOnly today) => ProtectedUntil is { } until && until >= today;

    /// <summary>Pending → ChangesRequested, with a message the author reads at /my-story.</summary>
    public void RequestChanges(string message, DateOnly today)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        Require(StoryStatus.Pending, "sent back for changes");
        ModeratorMessage = message;
        IsPriority = false;
        MoveTo(StoryStatus.ChangesRequested, today);
    }

    /// <summary>Pending → Rejected, with a reason code and an optional note.</summary>
    public void Reject(RejectionReason reason, string? note, DateOnly today)
    {
        Require(StoryStatus.Pending, "rejected");
        RejectionReason = reason;
        RejectionNote = string.IsNullOrWhiteSpace(note) ? null : note;
        IsPriority = false;
        MoveTo(StoryStatus.Rejected, today);
    }

    /// <summary>Published → Pending: re-review after a moderator's decision or an automatic hide.</summary>
    public void ReturnToReview(DateOnly today)
    {
        Require(StoryStatus.Published, "returned to review");
        MoveTo(StoryStatus.Pending, today);
    }

    /// <summary>
    /// The author's edit of a story that is not public: Pending stays Pending,
    /// ChangesRequested goes back to Pending. Published stories are edited through a pending revision.
    /// </summary>
    public void Revise(StoryContent content, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (Status is not (StoryStatus.Pending or StoryStatus.ChangesRequested))
        {
            throw new IllegalTransitionException(Status, "edited directly");
        }

        ApplyContent(content);
        MoveTo(StoryStatus.Pending, today);
    }

    /// <summary>
    /// The author's edit of a published story: held as a pending revision while the published
    /// version stays up. A newer edit replaces an older one.
    /// </summary>
    public void ProposeRevision(StoryContent content, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(content);
        Require(StoryStatus.Published, "revised while it stays up");
        PendingRevision = StoryRevision.From(content, today);
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
        MoveTo(StoryStatus.Pending, today);
    }

    /// <summary>A moderator accepts the pending revision: its text replaces the published one.</summary>
    public void ApproveRevision(DateOnly today)
    {
        Require(StoryStatus.Published, "given a revision");
        if (PendingRevision is null)
        {
            throw new IllegalTransitionException(Status, "given a revision it does not have");
        }

        ApplyContent(PendingRevision.ToContent());
        PendingRevision = null;
        StatusChangedOn = today;
        Version++;
    }

    /// <summary>
    /// A moderator declines the pending revision: the published version stays as it is, and the
    /// author may read why at /my-story.
    /// </summary>
    public void DeclineRevision(DateOnly today, string? message = null)
    {
        if (PendingRevision is null)
        {
            throw new IllegalTransitionException(Status, "relieved of a revision it does not have");
        }

        PendingRevision = null;
        ModeratorMessage = string.IsNullOrWhiteSpace(message) ? null : message;
        StatusChangedOn = today;
        Version++;
    }

    /// <summary>The author's choice about the open research data set. Not a moderation decision.</summary>
    public void SetOpenDataConsent(bool consent) => OpenData = consent;

    /// <summary>Replaces the screening markers with those of the text now under review.</summary>
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

    /// <summary>
    /// A moderator's redaction of the text under review (the pending revision's, if there is one):
    /// the text is replaced and the original is not kept.
    /// </summary>
    public void Redact(string? title, string body, DateOnly today)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        if (Status == StoryStatus.Rejected)
        {
            throw new IllegalTransitionException(Status, "redacted");
        }

        if (PendingRevision is not null)
        {
            PendingRevision.Redact(title, body);
        }
        else
        {
            Title = string.IsNullOrWhiteSpace(title) ? null : title;
            Body = body;
            TextHash = HashOfText(body);
        }

        Version++;
        StatusChangedOn = today;
    }

    private void ApplyContent(StoryContent content)
    {
        Title = string.IsNullOrWhiteSpace(content.Title) ? null : content.Title;
        Body = content.Body;
        TextHash = HashOfText(content.Body);
        DisplayName = string.IsNullOrWhiteSpace(content.DisplayName) ? null : content.DisplayName;
        Year = content.Year;
        CountryCode = content.CountryCode;
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

    /// <summary>The same words in the same order, whatever the case, spacing and punctuation.</summary>
    public static byte[] HashOfText(string body)
    {
        var words = string.Join(' ', (body ?? string.Empty).ToLowerInvariant()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()))
            .Where(w => w.Length > 0));
        return System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(words));
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
        if (Status != expected)
        {
            throw new IllegalTransitionException(Status, action);
        }
    }

    private void MoveTo(StoryStatus status, DateOnly today)
    {
        Status = status;
        StatusChangedOn = today;
        Version++;
    }
}
