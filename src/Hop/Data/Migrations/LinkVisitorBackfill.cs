namespace Hop.Data.Migrations;

/// <summary>
/// The SQL of the LinkVisitorsEveryDay migrations: the writer now counts a link's unique visitors per
/// day for every day, not only for compacted ones, so the stats read them instead of counting the day's
/// visitor rows; the migration adds the counts of the days after the compaction watermark
/// (<c>compacted_through</c>, a day number) from their visitor rows. Each provider says how a day
/// compares with the watermark.
/// </summary>
internal static class LinkVisitorBackfill
{
    public static string Up(string afterWatermark) => $"""
        INSERT INTO link_visitor_days (link_id, day, visitors)
        SELECT link_id, day, count(*) FROM daily_visitors
        WHERE {afterWatermark}
        GROUP BY link_id, day
        ON CONFLICT (link_id, day) DO UPDATE SET visitors = excluded.visitors;
        """;

    public static string Down(string afterWatermark) => $"DELETE FROM link_visitor_days WHERE {afterWatermark};";
}
