using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeToo.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PublishedSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Stories_Status_PublishedOn_PublicId",
                table: "Stories");

            migrationBuilder.AddColumn<long>(
                name: "PublicOrder",
                table: "Stories",
                type: "INTEGER",
                nullable: true);

            // Every story ever published gets its place from its publication day and public id.
            // (The same computation as Domain.PublicOrder.Of, frozen here as it was when this migration was written.)
            migrationBuilder.Sql("""
                UPDATE Stories SET PublicOrder =
                ((MAX(CAST(julianday(PublishedOn) - julianday('2000-01-01') AS INTEGER), 0) << 45)
                + ((instr('0123456789abcdefghjkmnpqrstvwxyz', substr(PublicId, 1, 1)) - 1) << 40)
                + ((instr('0123456789abcdefghjkmnpqrstvwxyz', substr(PublicId, 2, 1)) - 1) << 35)
                + ((instr('0123456789abcdefghjkmnpqrstvwxyz', substr(PublicId, 3, 1)) - 1) << 30)
                + ((instr('0123456789abcdefghjkmnpqrstvwxyz', substr(PublicId, 4, 1)) - 1) << 25)
                + ((instr('0123456789abcdefghjkmnpqrstvwxyz', substr(PublicId, 5, 1)) - 1) << 20)
                + ((instr('0123456789abcdefghjkmnpqrstvwxyz', substr(PublicId, 6, 1)) - 1) << 15)
                + ((instr('0123456789abcdefghjkmnpqrstvwxyz', substr(PublicId, 7, 1)) - 1) << 10)
                + ((instr('0123456789abcdefghjkmnpqrstvwxyz', substr(PublicId, 8, 1)) - 1) << 5)
                + (instr('0123456789abcdefghjkmnpqrstvwxyz', substr(PublicId, 9, 1)) - 1))
                
                WHERE PublishedOn IS NOT NULL;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Stories_PublicOrder",
                table: "Stories",
                column: "PublicOrder",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Stories_Status_PublicOrder",
                table: "Stories",
                columns: new[] { "Status", "PublicOrder" });

            // Only published stories in the index, under their public order (was: every story, under its internal id).
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS Stories_fts_insert;
                DROP TRIGGER IF EXISTS Stories_fts_delete;
                DROP TRIGGER IF EXISTS Stories_fts_update;
                DROP TABLE IF EXISTS StoriesFts;
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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS Stories_fts_insert;
                DROP TRIGGER IF EXISTS Stories_fts_delete;
                DROP TRIGGER IF EXISTS Stories_fts_update;
                DROP TABLE IF EXISTS StoriesFts;
                DROP VIEW IF EXISTS PublishedStoryText;
                
                """);
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

            migrationBuilder.DropIndex(
                name: "IX_Stories_PublicOrder",
                table: "Stories");

            migrationBuilder.DropIndex(
                name: "IX_Stories_Status_PublicOrder",
                table: "Stories");

            migrationBuilder.DropColumn(
                name: "PublicOrder",
                table: "Stories");

            migrationBuilder.CreateIndex(
                name: "IX_Stories_Status_PublishedOn_PublicId",
                table: "Stories",
                columns: new[] { "Status", "PublishedOn", "PublicId" });
        }
    }
}
