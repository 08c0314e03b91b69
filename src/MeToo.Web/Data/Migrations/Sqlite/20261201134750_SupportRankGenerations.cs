using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeToo.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SupportRankGenerations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The ranks are a snapshot, taken again at start-up: the table is made anew (changing its
            // key in place would make EF rebuild it outside a transaction).
            migrationBuilder.DropTable(
                name: "SupportRanks");

            migrationBuilder.CreateTable(
                name: "SupportRanks",
                columns: table => new
                {
                    Generation = table.Column<int>(type: "INTEGER", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    StoryId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportRanks", x => new { x.Generation, x.Rank });
                    table.ForeignKey(
                        name: "FK_SupportRanks_Stories_StoryId",
                        column: x => x.StoryId,
                        principalTable: "Stories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SupportRanks_StoryId",
                table: "SupportRanks",
                column: "StoryId");

            migrationBuilder.CreateTable(
                name: "SupportRankSnapshots",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Generation = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportRankSnapshots", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Stories_Status_SupportCount_PublicId",
                table: "Stories",
                columns: new[] { "Status", "SupportCount", "PublicId" },
                descending: new[] { false, true, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SupportRankSnapshots");

            migrationBuilder.DropIndex(
                name: "IX_Stories_Status_SupportCount_PublicId",
                table: "Stories");

            migrationBuilder.DropTable(
                name: "SupportRanks");

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
