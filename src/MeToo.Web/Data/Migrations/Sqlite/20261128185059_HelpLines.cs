using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeToo.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HelpLines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "HelpLinesJson",
                table: "SiteSettings",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HelpLinesJson",
                table: "SiteSettings");
        }
    }
}
