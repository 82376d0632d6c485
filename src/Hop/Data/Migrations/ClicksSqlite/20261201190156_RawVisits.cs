using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hop.Data.Migrations.ClicksSqlite
{
    /// <inheritdoc />
    public partial class RawVisits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The writer used to roll visits up into the counters later, above a watermark; it now counts
            // every batch as it writes it, so the visits still above the watermark are counted here, once.
            migrationBuilder.Sql(RollUpPending);

            migrationBuilder.DropIndex(
                name: "ix_visits_event_id",
                table: "visits");

            // SQLite drops a column in place (3.35 and later); EF's DropColumn would rebuild the table,
            // which cannot run inside the migration's transaction.
            migrationBuilder.Sql("ALTER TABLE visits DROP COLUMN event_id;");
        }

        private const string Pending =
            "FROM visits WHERE id > coalesce((SELECT value FROM click_counters WHERE name = 'rolled_up_to'), (SELECT max(id) FROM visits))";

        private const string RollUpPending = $"""
            INSERT INTO visit_counts (link_id, hour, total, humans, bots, unfurlers, mail_scanners, prefetches)
            SELECT link_id, substr(occurred_at, 1, 13) || ':00:00', count(*),
                   sum("class" = 0), sum("class" = 1), sum("class" = 2), sum("class" = 3), sum("class" = 4)
            {Pending} GROUP BY 1, 2
            ON CONFLICT (link_id, hour) DO UPDATE SET
              total = visit_counts.total + excluded.total, humans = visit_counts.humans + excluded.humans,
              bots = visit_counts.bots + excluded.bots, unfurlers = visit_counts.unfurlers + excluded.unfurlers,
              mail_scanners = visit_counts.mail_scanners + excluded.mail_scanners,
              prefetches = visit_counts.prefetches + excluded.prefetches;

            INSERT INTO visit_profiles (link_id, hour, referrer, browser, os, device, country, "count")
            SELECT link_id, substr(occurred_at, 1, 13) || ':00:00', coalesce(referrer_host, '(direct)'),
                   coalesce(browser, '(unknown)'), coalesce(os, '(unknown)'), coalesce(device, '(unknown)'),
                   coalesce(country, '(unknown)'), count(*)
            {Pending} GROUP BY 1, 2, 3, 4, 5, 6, 7
            ON CONFLICT (link_id, hour, referrer, browser, os, device, country) DO UPDATE SET
              "count" = visit_profiles."count" + excluded."count";

            INSERT INTO daily_visitors (link_id, day, visitor_hash)
            SELECT DISTINCT link_id, substr(occurred_at, 1, 10), visitor_hash {Pending}
            ON CONFLICT DO NOTHING;

            INSERT INTO visit_routes (link_id, hour, route, "count")
            SELECT link_id, substr(occurred_at, 1, 13) || ':00:00', route, count(*)
            {Pending} AND route <> 0 GROUP BY 1, 2, 3
            ON CONFLICT (link_id, hour, route) DO UPDATE SET
              "count" = visit_routes."count" + excluded."count";

            DELETE FROM click_counters WHERE name = 'rolled_up_to';
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "event_id",
                table: "visits",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateIndex(
                name: "ix_visits_event_id",
                table: "visits",
                column: "event_id",
                unique: true);
        }
    }
}
