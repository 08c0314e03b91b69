namespace MeToo.Web.Domain;

/// <summary>The moderation states (docs/moderation.md). Deletion is not a state: the row goes.</summary>
public enum StoryStatus
{
    Pending = 0,
    Published = 1,
    ChangesRequested = 2,
    Rejected = 3,
}
