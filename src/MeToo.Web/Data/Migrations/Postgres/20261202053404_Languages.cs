using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MeToo.Web.Data.Migrations.Postgres
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
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Stories",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "ScreeningWords",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Languages",
                table: "AspNetUsers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "TranslationReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Page = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Wrong = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Better = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ReportedOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TranslationReports", x => x.Id);
                });

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
            migrationBuilder.DropTable(
                name: "TranslationReports");

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
