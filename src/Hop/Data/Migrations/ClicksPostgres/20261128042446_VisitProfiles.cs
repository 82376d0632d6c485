using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hop.Data.Migrations.ClicksPostgres
{
    /// <inheritdoc />
    public partial class VisitProfiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "visit_profiles",
                columns: table => new
                {
                    link_id = table.Column<long>(type: "bigint", nullable: false),
                    hour = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    referrer = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    browser = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    os = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    device = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    country = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_visit_profiles", x => new { x.link_id, x.hour, x.referrer, x.browser, x.os, x.device, x.country });
                });

            // The profiles are rebuilt from the raw visits still kept (the retention period); the old
            // per-dimension counters cannot be combined into profiles.
            migrationBuilder.Sql("""
                INSERT INTO visit_profiles (link_id, hour, referrer, browser, os, device, country, "count")
                SELECT link_id, date_trunc('hour', occurred_at, 'UTC'), coalesce(referrer_host, '(direct)'),
                       coalesce(browser, '(unknown)'), coalesce(os, '(unknown)'), coalesce(device, '(unknown)'),
                       coalesce(country, '(unknown)'), count(*)
                FROM visits WHERE true GROUP BY 1, 2, 3, 4, 5, 6, 7
                """);

            migrationBuilder.DropTable(
                name: "visit_dimension_counts");

            migrationBuilder.DropIndex(
                name: "ix_visits_link_id_occurred_at",
                table: "visits");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "visit_profiles");

            migrationBuilder.CreateTable(
                name: "visit_dimension_counts",
                columns: table => new
                {
                    link_id = table.Column<long>(type: "bigint", nullable: false),
                    dimension = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    hour = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    value = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_visit_dimension_counts", x => new { x.link_id, x.dimension, x.hour, x.value });
                });

            migrationBuilder.CreateIndex(
                name: "ix_visits_link_id_occurred_at",
                table: "visits",
                columns: new[] { "link_id", "occurred_at" });
        }
    }
}
