namespace MeToo.Web.Domain;

/// <summary>Why a pending story is pending, which says what its live text is to a moderator.</summary>
public enum ReviewReason
{
    /// <summary>A new story, never published (or published, then decided since).</summary>
    New = 0,

    /// <summary>Its author changed a once-published story: took it down to edit, or edited it while it was off the site.</summary>
    AuthorChange = 1,

    /// <summary>A moderator sent the published story back to review.</summary>
    ReturnedByModerator = 2,

    /// <summary>Reports hid the published story for review (automatic hiding).</summary>
    HiddenAfterReports = 3,
}
