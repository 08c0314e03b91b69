using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeToo.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StoryTablesVacuumSoon : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Autovacuum visits the tables that hold story text after a few dead rows, not a fifth of
            // the table (the default): withdrawn text leaves the pages soon even without PostgresVacuum.
            migrationBuilder.Sql("""
                ALTER TABLE "Stories" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20, toast.autovacuum_vacuum_scale_factor = 0, toast.autovacuum_vacuum_threshold = 20);
                ALTER TABLE "StoryRevisions" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20, toast.autovacuum_vacuum_scale_factor = 0, toast.autovacuum_vacuum_threshold = 20);
                ALTER TABLE "StoryTags" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20, toast.autovacuum_vacuum_scale_factor = 0, toast.autovacuum_vacuum_threshold = 20);
                ALTER TABLE "ScreeningMarkers" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20, toast.autovacuum_vacuum_scale_factor = 0, toast.autovacuum_vacuum_threshold = 20);
                ALTER TABLE "StoryReports" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20, toast.autovacuum_vacuum_scale_factor = 0, toast.autovacuum_vacuum_threshold = 20);
                ALTER TABLE "StaffAudit" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20, toast.autovacuum_vacuum_scale_factor = 0, toast.autovacuum_vacuum_threshold = 20);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "Stories" RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, toast.autovacuum_vacuum_scale_factor, toast.autovacuum_vacuum_threshold);
                ALTER TABLE "StoryRevisions" RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, toast.autovacuum_vacuum_scale_factor, toast.autovacuum_vacuum_threshold);
                ALTER TABLE "StoryTags" RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, toast.autovacuum_vacuum_scale_factor, toast.autovacuum_vacuum_threshold);
                ALTER TABLE "ScreeningMarkers" RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, toast.autovacuum_vacuum_scale_factor, toast.autovacuum_vacuum_threshold);
                ALTER TABLE "StoryReports" RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, toast.autovacuum_vacuum_scale_factor, toast.autovacuum_vacuum_threshold);
                ALTER TABLE "StaffAudit" RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, toast.autovacuum_vacuum_scale_factor, toast.autovacuum_vacuum_threshold);
                """);
        }
    }
}
