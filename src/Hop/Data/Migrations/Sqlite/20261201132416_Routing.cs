using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hop.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Routing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "preview_description",
                table: "links",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "preview_image",
                table: "links",
                type: "TEXT",
                maxLength: 8192,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "preview_title",
                table: "links",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rules",
                table: "links",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "variants",
                table: "links",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "preview_description",
                table: "links");

            migrationBuilder.DropColumn(
                name: "preview_image",
                table: "links");

            migrationBuilder.DropColumn(
                name: "preview_title",
                table: "links");

            migrationBuilder.DropColumn(
                name: "rules",
                table: "links");

            migrationBuilder.DropColumn(
                name: "variants",
                table: "links");
        }
    }
}
