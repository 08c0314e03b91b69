using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeToo.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SharedSubmitOnce : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The share form's submit-once keys, shared by every instance (PostgresSubmitOnce): a hash of
            // the key, its day, and the receipt sealed with the key. UNLOGGED, like the once-a-day keys.
            migrationBuilder.Sql("""
                CREATE UNLOGGED TABLE "ShareSubmissions" ("KeyHash" bytea PRIMARY KEY, "Day" date NOT NULL, "SealedReceipt" bytea NULL);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "ShareSubmissions";""");
        }
    }
}
