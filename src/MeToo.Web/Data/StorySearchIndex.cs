namespace MeToo.Web.Data;

/// <summary>
/// The SQLite FTS5 index of published stories' titles and texts: an external-content table over the
/// view <c>PublishedStoryText</c> (published stories only), whose row id is the story's
/// <c>Story.PublicOrder</c> negated (<see cref="SearchOrderIndex"/> finds a story by it) — so
/// "newest first" is the index's own ascending order, the direction FTS5 reads fastest, a search
/// stops after one page, and nothing that is not public takes a place in it. Kept in sync by triggers on
/// <c>Stories</c>: a story enters when it is published and leaves when it is withdrawn, edited
/// (to come back with its new words) or taken off the site. <c>unicode61 remove_diacritics 2</c>;
/// FTS5's <c>secure-delete</c> is on, so a deleted or redacted text leaves no tokens behind.
/// </summary>
public static class StorySearchIndex
{
    public const string Table = "StoriesFts";
    public const string View = "PublishedStoryText";
    public const string InsertTrigger = "Stories_fts_insert";
    public const string UpdateTrigger = "Stories_fts_update";
    public const string DeleteTrigger = "Stories_fts_delete";
    public const string SearchOrderIndex = "IX_Stories_SearchOrder";
}
