using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeToo.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchIndexAscending : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The index's row id becomes the public order negated: "newest first" is then FTS5's
            // ascending walk (a descending one read the whole list of a common word). A story is
            // found by that row id through an index on the same expression.
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS Stories_fts_insert;
                DROP TRIGGER IF EXISTS Stories_fts_delete;
                DROP TRIGGER IF EXISTS Stories_fts_update;
                DROP TABLE IF EXISTS StoriesFts;
                DROP VIEW IF EXISTS PublishedStoryText;
                CREATE INDEX IX_Stories_SearchOrder ON Stories(-PublicOrder) WHERE Status = 'Published';
                CREATE VIEW PublishedStoryText AS SELECT -PublicOrder AS SearchOrder, Title, Body FROM Stories WHERE Status = 'Published' AND PublicOrder IS NOT NULL;
                CREATE VIRTUAL TABLE StoriesFts USING fts5(Title, Body, content='PublishedStoryText', content_rowid='SearchOrder', tokenize='unicode61 remove_diacritics 2');
                INSERT INTO StoriesFts(StoriesFts, rank) VALUES('secure-delete', 1);
                CREATE TRIGGER Stories_fts_insert AFTER INSERT ON Stories WHEN new.Status = 'Published' AND new.PublicOrder IS NOT NULL BEGIN
                    INSERT INTO StoriesFts(rowid, Title, Body) VALUES (-new.PublicOrder, new.Title, new.Body);
                END;
                CREATE TRIGGER Stories_fts_delete AFTER DELETE ON Stories WHEN old.Status = 'Published' AND old.PublicOrder IS NOT NULL BEGIN
                    INSERT INTO StoriesFts(StoriesFts, rowid, Title, Body) VALUES ('delete', -old.PublicOrder, old.Title, old.Body);
                END;
                CREATE TRIGGER Stories_fts_update AFTER UPDATE OF Status, Title, Body, PublicOrder ON Stories BEGIN
                    INSERT INTO StoriesFts(StoriesFts, rowid, Title, Body) SELECT 'delete', -old.PublicOrder, old.Title, old.Body WHERE old.Status = 'Published' AND old.PublicOrder IS NOT NULL;
                    INSERT INTO StoriesFts(rowid, Title, Body) SELECT -new.PublicOrder, new.Title, new.Body WHERE new.Status = 'Published' AND new.PublicOrder IS NOT NULL;
                END;
                INSERT INTO StoriesFts(StoriesFts) VALUES ('rebuild');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS Stories_fts_insert;
                DROP TRIGGER IF EXISTS Stories_fts_delete;
                DROP TRIGGER IF EXISTS Stories_fts_update;
                DROP TABLE IF EXISTS StoriesFts;
                DROP VIEW IF EXISTS PublishedStoryText;
                DROP INDEX IF EXISTS IX_Stories_SearchOrder;
                CREATE VIEW PublishedStoryText AS SELECT PublicOrder, Title, Body FROM Stories WHERE Status = 'Published' AND PublicOrder IS NOT NULL;
                CREATE VIRTUAL TABLE StoriesFts USING fts5(Title, Body, content='PublishedStoryText', content_rowid='PublicOrder', tokenize='unicode61 remove_diacritics 2');
                INSERT INTO StoriesFts(StoriesFts, rank) VALUES('secure-delete', 1);
                CREATE TRIGGER Stories_fts_insert AFTER INSERT ON Stories WHEN new.Status = 'Published' AND new.PublicOrder IS NOT NULL BEGIN
                    INSERT INTO StoriesFts(rowid, Title, Body) VALUES (new.PublicOrder, new.Title, new.Body);
                END;
                CREATE TRIGGER Stories_fts_delete AFTER DELETE ON Stories WHEN old.Status = 'Published' AND old.PublicOrder IS NOT NULL BEGIN
                    INSERT INTO StoriesFts(StoriesFts, rowid, Title, Body) VALUES ('delete', old.PublicOrder, old.Title, old.Body);
                END;
                CREATE TRIGGER Stories_fts_update AFTER UPDATE OF Status, Title, Body, PublicOrder ON Stories BEGIN
                    INSERT INTO StoriesFts(StoriesFts, rowid, Title, Body) SELECT 'delete', old.PublicOrder, old.Title, old.Body WHERE old.Status = 'Published' AND old.PublicOrder IS NOT NULL;
                    INSERT INTO StoriesFts(rowid, Title, Body) SELECT new.PublicOrder, new.Title, new.Body WHERE new.Status = 'Published' AND new.PublicOrder IS NOT NULL;
                END;
                INSERT INTO StoriesFts(StoriesFts) VALUES ('rebuild');
                """);
        }
    }
}
