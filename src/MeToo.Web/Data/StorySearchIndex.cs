namespace MeToo.Web.Data;

/// <summary>
/// The SQLite FTS5 index of published stories' titles and texts: an external-content table over the
/// view <c>PublishedStoryText</c> (published stories only), whose row id is the story's
/// <c>Story.PublicOrder</c> — so "newest first" is the index's own order, a search stops
/// after one page, and nothing that is not public takes a place in it. Kept in sync by triggers on
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

    public static readonly string Create = $"""
        DROP TRIGGER IF EXISTS {InsertTrigger};
        DROP TRIGGER IF EXISTS {DeleteTrigger};
        DROP TRIGGER IF EXISTS {UpdateTrigger};
        DROP TABLE IF EXISTS {Table};
        CREATE VIEW {View} AS SELECT PublicOrder, Title, Body FROM Stories WHERE Status = 'Published' AND PublicOrder IS NOT NULL;
        CREATE VIRTUAL TABLE {Table} USING fts5(Title, Body, content='{View}', content_rowid='PublicOrder', tokenize='unicode61 remove_diacritics 2');
        INSERT INTO {Table}({Table}, rank) VALUES('secure-delete', 1);
        CREATE TRIGGER {InsertTrigger} AFTER INSERT ON Stories WHEN new.Status = 'Published' AND new.PublicOrder IS NOT NULL BEGIN
            INSERT INTO {Table}(rowid, Title, Body) VALUES (new.PublicOrder, new.Title, new.Body);
        END;
        CREATE TRIGGER {DeleteTrigger} AFTER DELETE ON Stories WHEN old.Status = 'Published' AND old.PublicOrder IS NOT NULL BEGIN
            INSERT INTO {Table}({Table}, rowid, Title, Body) VALUES ('delete', old.PublicOrder, old.Title, old.Body);
        END;
        CREATE TRIGGER {UpdateTrigger} AFTER UPDATE OF Status, Title, Body, PublicOrder ON Stories BEGIN
            INSERT INTO {Table}({Table}, rowid, Title, Body) SELECT 'delete', old.PublicOrder, old.Title, old.Body WHERE old.Status = 'Published' AND old.PublicOrder IS NOT NULL;
            INSERT INTO {Table}(rowid, Title, Body) SELECT new.PublicOrder, new.Title, new.Body WHERE new.Status = 'Published' AND new.PublicOrder IS NOT NULL;
        END;
        INSERT INTO {Table}({Table}) VALUES ('rebuild');
        """;

    public static readonly string Drop = $"""
        DROP TRIGGER IF EXISTS {InsertTrigger};
        DROP TRIGGER IF EXISTS {DeleteTrigger};
        DROP TRIGGER IF EXISTS {UpdateTrigger};
        DROP TABLE IF EXISTS {Table};
        DROP VIEW IF EXISTS {View};
        """;
}
