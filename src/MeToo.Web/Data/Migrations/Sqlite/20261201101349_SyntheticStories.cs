using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeToo.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SyntheticStories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Synthetic",
                table: "Stories",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Stories the demo data and the seed command made before the column existed: every one
            // ends with the demo notice (a developer's database keeps working with seed).
            migrationBuilder.Sql("UPDATE Stories SET Synthetic = 1 WHERE Body LIKE '%(This is a fictional demo story.)';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Synthetic",
                table: "Stories");
        }
    }
}
