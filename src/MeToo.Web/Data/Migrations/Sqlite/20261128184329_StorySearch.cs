using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeToo.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StorySearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The first shape of the index, as it was (superseded by PublishedSearchIndex).
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE StoriesFts USING fts5(Title, Body, content='Stories', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');
                INSERT INTO StoriesFts(StoriesFts, rank) VALUES('secure-delete', 1);
                CREATE TRIGGER Stories_fts_insert AFTER INSERT ON Stories BEGIN
                    INSERT INTO StoriesFts(rowid, Title, Body) VALUES (new.Id, new.Title, new.Body);
                END;
                CREATE TRIGGER Stories_fts_delete AFTER DELETE ON Stories BEGIN
                    INSERT INTO StoriesFts(StoriesFts, rowid, Title, Body) VALUES ('delete', old.Id, old.Title, old.Body);
                END;
                CREATE TRIGGER Stories_fts_update AFTER UPDATE OF Title, Body ON Stories BEGIN
                    INSERT INTO StoriesFts(StoriesFts, rowid, Title, Body) VALUES ('delete', old.Id, old.Title, old.Body);
                    INSERT INTO StoriesFts(rowid, Title, Body) VALUES (new.Id, new.Title, new.Body);
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
                """);
        }
    }
}
