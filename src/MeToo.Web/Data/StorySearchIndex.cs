namespace MeToo.Web.Data;

/// <summary>
/// The SQLite FTS5 index of stories' titles and texts: an external-content table over
/// <c>Stories</c> kept in sync by triggers, <c>unicode61 remove_diacritics 2</c>, with FTS5's
/// <c>secure-delete</c> on so a deleted or redacted text leaves no tokens behind. Every row is
/// indexed whatever its status; queries join back to <c>Stories</c> and keep only published ones.
/// </summary>
public static class StorySearchIndex
{
    public const string Table = "StoriesFts";
    public const string InsertTrigger = "Stories_fts_insert";
    public const string UpdateTrigger = "Stories_fts_update";
    public const string DeleteTrigger = "Stories_fts_delete";

    public const string Create = $"""
        CREATE VIRTUAL TABLE {Table} USING fts5(Title, Body, content='Stories', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');
        INSERT INTO {Table}({Table}, rank) VALUES('secure-delete', 1);
        CREATE TRIGGER {InsertTrigger} AFTER INSERT ON Stories BEGIN
            INSERT INTO {Table}(rowid, Title, Body) VALUES (new.Id, new.Title, new.Body);
        END;
        CREATE TRIGGER {DeleteTrigger} AFTER DELETE ON Stories BEGIN
            INSERT INTO {Table}({Table}, rowid, Title, Body) VALUES ('delete', old.Id, old.Title, old.Body);
        END;
        CREATE TRIGGER {UpdateTrigger} AFTER UPDATE OF Title, Body ON Stories BEGIN
            INSERT INTO {Table}({Table}, rowid, Title, Body) VALUES ('delete', old.Id, old.Title, old.Body);
            INSERT INTO {Table}(rowid, Title, Body) VALUES (new.Id, new.Title, new.Body);
        END;
        INSERT INTO {Table}({Table}) VALUES ('rebuild');
        """;

    public const string Drop = $"""
        DROP TRIGGER IF EXISTS {InsertTrigger};
        DROP TRIGGER IF EXISTS {DeleteTrigger};
        DROP TRIGGER IF EXISTS {UpdateTrigger};
        DROP TABLE IF EXISTS {Table};
        """;
}
