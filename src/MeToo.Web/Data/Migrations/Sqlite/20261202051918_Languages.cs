using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeToo.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Languages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ScreeningWords_List_Text",
                table: "ScreeningWords");

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "StoryRevisions",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Stories",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "ScreeningWords",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Languages",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Stories_Status_Language_PublicOrder",
                table: "Stories",
                columns: new[] { "Status", "Language", "PublicOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningWords_Language_List_Text",
                table: "ScreeningWords",
                columns: new[] { "Language", "List", "Text" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Stories_Status_Language_PublicOrder",
                table: "Stories");

            migrationBuilder.DropIndex(
                name: "IX_ScreeningWords_Language_List_Text",
                table: "ScreeningWords");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "StoryRevisions");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "Stories");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "ScreeningWords");

            migrationBuilder.DropColumn(
                name: "Languages",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningWords_List_Text",
                table: "ScreeningWords",
                columns: new[] { "List", "Text" },
                unique: true);
        }
    }
}
