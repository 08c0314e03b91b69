using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeToo.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StoryLife : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReviewReason",
                table: "Stories",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "New");

            // Stories already back in review: say why, so the review page names their live text right.
            migrationBuilder.Sql("UPDATE Stories SET ReviewReason = CASE WHEN IsPriority = 1 THEN 'HiddenAfterReports' ELSE 'ReturnedByModerator' END WHERE Status = 'Pending' AND PublishedOn IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReviewReason",
                table: "Stories");
        }
    }
}
