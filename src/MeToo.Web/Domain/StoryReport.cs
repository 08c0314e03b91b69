namespace MeToo.Web.Domain;

/// <summary>Why a reader reported a story. "I wrote this" is for an author who lost the receipt.</summary>
public enum ReportReason
{
    IdentifiesSomeone = 1,
    HatefulOrAbusive = 2,
    NotATestimony = 3,
    Spam = 4,
    AuthorTakedown = 5,
    Other = 6,
}

/// <summary>
/// A reader's report of a published story: a reason, an optional short note (cleaned and screened
/// like a story) and the day. Nothing about the reader. Deleted with the story, or when resolved.
/// </summary>
public sealed class StoryReport
{
    public const int NoteMaxLength = 500;

    private StoryReport()
    {
    }

    public StoryReport(long storyId, ReportReason reason, string? note, DateOnly reportedOn)
    {
        StoryId = storyId;
        Reason = reason;
        Note = string.IsNullOrWhiteSpace(note) ? null : note;
        ReportedOn = reportedOn;
    }

    public long Id { get; private set; }

    public long StoryId { get; private set; }

    public ReportReason Reason { get; private set; }

    public string? Note { get; private set; }

    public DateOnly ReportedOn { get; private set; }
}

/// <summary>
/// A moderator's claim on a story while they review it. Staff data, kept apart from the story so
/// no staff time sits in an author's row; deleted at the decision, on release, or when expired.
/// </summary>
public sealed class StoryClaim
{
    private StoryClaim()
    {
        ClaimedBy = string.Empty;
    }

    public StoryClaim(long storyId, string claimedBy, DateTime claimedUntilUtc)
    {
        StoryId = storyId;
        ClaimedBy = claimedBy;
        ClaimedUntilUtc = claimedUntilUtc;
    }

    public long StoryId { get; private set; }

    public string ClaimedBy { get; private set; }

    /// <summary>Also the concurrency token: two moderators taking over the same expired claim cannot both win.</summary>
    public DateTime ClaimedUntilUtc { get; private set; }

    public bool IsHeldBySomeoneElse(string moderator, DateTime nowUtc) => ClaimedBy != moderator && ClaimedUntilUtc > nowUtc;

    public void Renew(string moderator, DateTime untilUtc)
    {
        ClaimedBy = moderator;
        ClaimedUntilUtc = untilUtc;
    }
}
