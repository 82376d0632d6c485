using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hop.Data.Migrations.ClicksSqlite
{
    /// <inheritdoc />
    public partial class InitialClicks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "click_counters",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_click_counters", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "daily_visitors",
                columns: table => new
                {
                    link_id = table.Column<long>(type: "INTEGER", nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    visitor_hash = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_daily_visitors", x => new { x.link_id, x.day, x.visitor_hash });
                });

            migrationBuilder.CreateTable(
                name: "visit_counts",
                columns: table => new
                {
                    link_id = table.Column<long>(type: "INTEGER", nullable: false),
                    hour = table.Column<DateTime>(type: "TEXT", nullable: false),
                    total = table.Column<long>(type: "INTEGER", nullable: false),
                    humans = table.Column<long>(type: "INTEGER", nullable: false),
                    bots = table.Column<long>(type: "INTEGER", nullable: false),
                    unfurlers = table.Column<long>(type: "INTEGER", nullable: false),
                    mail_scanners = table.Column<long>(type: "INTEGER", nullable: false),
                    prefetches = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_visit_counts", x => new { x.link_id, x.hour });
                });

            migrationBuilder.CreateTable(
                name: "visit_dimension_counts",
                columns: table => new
                {
                    link_id = table.Column<long>(type: "INTEGER", nullable: false),
                    hour = table.Column<DateTime>(type: "TEXT", nullable: false),
                    dimension = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_visit_dimension_counts", x => new { x.link_id, x.dimension, x.hour, x.value });
                });

            migrationBuilder.CreateTable(
                name: "visits",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    event_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    link_id = table.Column<long>(type: "INTEGER", nullable: false),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    referrer_host = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    browser = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    os = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    device = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    @class = table.Column<int>(name: "class", type: "INTEGER", nullable: false),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    visitor_hash = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_visits", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_visit_counts_hour",
                table: "visit_counts",
                column: "hour");

            migrationBuilder.CreateIndex(
                name: "ix_visits_event_id",
                table: "visits",
                column: "event_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_visits_link_id_occurred_at",
                table: "visits",
                columns: new[] { "link_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_visits_occurred_at",
                table: "visits",
                column: "occurred_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "click_counters");

            migrationBuilder.DropTable(
                name: "daily_visitors");

            migrationBuilder.DropTable(
                name: "visit_counts");

            migrationBuilder.DropTable(
                name: "visit_dimension_counts");

            migrationBuilder.DropTable(
                name: "visits");
        }
    }
}
