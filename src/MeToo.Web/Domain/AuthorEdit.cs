namespace MeToo.Web.Domain;

/// <summary>What an author's edit did (see <see cref="Story.Edit"/>), for the confirmation they read.</summary>
public enum AuthorEdit
{
    /// <summary>The story was not public: the change replaces it and a moderator reads it before it appears.</summary>
    SavedForReview,

    /// <summary>The published version stays up while the edit waits for a moderator.</summary>
    WaitingBesidePublished,

    /// <summary>The published story left the site at once; the new version appears once a moderator has read it.</summary>
    TakenDown,
}
