namespace MeToo.Web.Domain;

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
