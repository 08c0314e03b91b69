using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeToo.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportsFromDistinctAddresses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "CountsTowardsHiding",
                table: "StoryReports",
                type: "INTEGER",
                nullable: false,
                defaultValue: true); // reports already stored were counted by the old rule
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CountsTowardsHiding",
                table: "StoryReports");
        }
    }
}
