using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeToo.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MostSupportedLive : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SupportRanks");

            migrationBuilder.CreateIndex(
                name: "IX_Stories_Status_SupportCount_PublicId",
                table: "Stories",
                columns: new[] { "Status", "SupportCount", "PublicId" },
                descending: new[] { false, true, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Stories_Status_SupportCount_PublicId",
                table: "Stories");

            migrationBuilder.CreateTable(
                name: "SupportRanks",
                columns: table => new
                {
                    StoryId = table.Column<long>(type: "INTEGER", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportRanks", x => x.StoryId);
                    table.ForeignKey(
                        name: "FK_SupportRanks_Stories_StoryId",
                        column: x => x.StoryId,
                        principalTable: "Stories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SupportRanks_Rank",
                table: "SupportRanks",
                column: "Rank",
                unique: true);
        }
    }
}
