using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hop.Data.Migrations.ClicksSqlite
{
    /// <summary>Unique visitors per link and day for every day (<see cref="LinkVisitorBackfill"/>).</summary>
    public partial class LinkVisitorsEveryDay : Migration
    {
        private const string AfterWatermark = "day > coalesce((SELECT date('0001-01-01', '+' || value || ' days') FROM click_counters WHERE name = 'compacted_through'), '')";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(LinkVisitorBackfill.Up(AfterWatermark));

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(LinkVisitorBackfill.Down(AfterWatermark));
    }
}
