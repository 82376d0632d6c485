using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hop.Data.Migrations.ClicksSqlite
{
    /// <inheritdoc />
    public partial class LinkDimensionHours : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "link_dimension_hours",
                columns: table => new
                {
                    link_id = table.Column<long>(type: "INTEGER", nullable: false),
                    hour = table.Column<DateTime>(type: "TEXT", nullable: false),
                    dimension = table.Column<short>(type: "INTEGER", nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_link_dimension_hours", x => new { x.link_id, x.hour, x.dimension, x.value });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "link_dimension_hours");
        }
    }
}
