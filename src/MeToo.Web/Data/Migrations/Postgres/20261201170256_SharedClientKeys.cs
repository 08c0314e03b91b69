using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeToo.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SharedClientKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The once-a-day keys shared by every instance (PostgresClientKeyStore). UNLOGGED: never in
            // the write-ahead log (nor a replica or an archive), emptied by a crash, left out of backups.
            migrationBuilder.Sql("""
                CREATE UNLOGGED TABLE "ClientKeySalts" ("Day" date PRIMARY KEY, "Salt" bytea NOT NULL);
                CREATE UNLOGGED TABLE "ClientKeys" ("Day" date NOT NULL, "Subject" text COLLATE "C" NOT NULL, "Key" bytea NOT NULL, PRIMARY KEY ("Day", "Subject", "Key"));
                CREATE INDEX "IX_ClientKeys_Subject" ON "ClientKeys" ("Subject");
                CREATE UNLOGGED TABLE "ClientKeyCounts" ("Day" date PRIMARY KEY, "Count" integer NOT NULL);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE IF EXISTS "ClientKeyCounts";
                DROP TABLE IF EXISTS "ClientKeys";
                DROP TABLE IF EXISTS "ClientKeySalts";
                """);
        }
    }
}
