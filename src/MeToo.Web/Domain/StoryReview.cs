namespace MeToo.Web.Domain;

/// <summary>What kind of decision a story waits for (see <see cref="Story.UnderReview"/>).</summary>
public enum ReviewKind
{
    /// <summary>Nothing waits: published with no edit, sent back to the author, or rejected.</summary>
    None,

    /// <summary>Never published yet: approval publishes it.</summary>
    NewStory,

    /// <summary>A published story's waiting edit: approval replaces the published text, which stays up meanwhile.</summary>
    EditOfPublished,

    /// <summary>Once published, now off the site for another look (a moderator, reports, or its author's change).</summary>
    BackInReview,

    /// <summary>Back in review while the author's edit waited: the moderator decides both versions.</summary>
    BackInReviewWithEdit,
}

/// <summary>Which version of a story a moderator is looking at.</summary>
public enum StoryVersionKind
{
    /// <summary>As its author sent it (or last changed it); never published.</summary>
    Submitted,

    /// <summary>The text readers see now.</summary>
    Published,

    /// <summary>The text that was public until it went back to review; readers do not see it now.</summary>
    Hidden,

    /// <summary>The author took the published story down to change it: their new text, never published yet.</summary>
    TakenDownAndChanged,

    /// <summary>The author's edit, sent after the story was published, waiting for a decision.</summary>
    Edit,
}

/// <summary>One version of a story that is public or can become public.</summary>
public sealed record StoryVersion(StoryVersionKind Kind, StoryContent Content);

/// <summary>Which version to publish when a story back in review has an author's edit waiting.</summary>
public enum ApprovalChoice
{
    /// <summary>The author's edit replaces the earlier text.</summary>
    TheEdit = 1,

    /// <summary>The earlier text is published again and the author's edit is declined.</summary>
    TheEarlierVersion = 2,
}

/// <summary>What a moderator's decision did, for the audit log and the moderator's confirmation.</summary>
public enum StoryDecision
{
    Published,
    EditPublished,
    PublishedEditDeclined,
    EditDeclined,
    ChangesRequested,
    Rejected,
}

/// <summary>What a moderator's redaction leaves of one version: its title, text and display name (null: anonymous).</summary>
public sealed record Redaction(string? Title, string Body, string? DisplayName);
