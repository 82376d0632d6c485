using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hop.Data.Migrations.ClicksSqlite
{
    /// <summary>
    /// The writer now counts a link's unique visitors per day for every day, not only for compacted ones,
    /// so the stats read them instead of counting the day's visitor rows: this adds the counts of the days
    /// after the compaction watermark (<c>compacted_through</c>, a day number) from their visitor rows.
    /// </summary>
    public partial class LinkVisitorsEveryDay : Migration
    {
        private const string AfterWatermark = "day > coalesce((SELECT date('0001-01-01', '+' || value || ' days') FROM click_counters WHERE name = 'compacted_through'), '')";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                INSERT INTO link_visitor_days (link_id, day, visitors)
                SELECT link_id, day, count(*) FROM daily_visitors
                WHERE {AfterWatermark}
                GROUP BY link_id, day
                ON CONFLICT (link_id, day) DO UPDATE SET visitors = excluded.visitors;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DELETE FROM link_visitor_days WHERE {AfterWatermark};");
        }
    }
}
