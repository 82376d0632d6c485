using Hop.Accounts;
using Hop.Clicks;
using Hop.Clicks.Stats;
using Hop.Data;
using Hop.Links;
using Microsoft.EntityFrameworkCore;

namespace Hop.Pages.Stats;

/// <summary>What the stats pages turn Hop's stats into: the link a caller may see, tiles, top lists.</summary>
internal static class StatsPageData
{
    /// <summary>The link with this id if <paramref name="caller"/> may see it (their own; any for an admin).</summary>
    public static Task<Link?> FindLinkAsync(HopDbContext db, long id, Caller caller, CancellationToken ct) =>
        db.Links.AsNoTracking().VisibleTo(caller).FirstOrDefaultAsync(l => l.Id == id, ct);

    public static IReadOnlyList<(string Name, int Colour, long Count)> Groups(VisitorCounts totals) =>
        [.. VisitorSeries.Groups.Select(g => (g.Name, g.Colour, g.Count(totals)))];

    public static IReadOnlyList<ChartBar> Bars(IReadOnlyList<StatsEntry> entries) =>
        [.. entries.Select(e => new ChartBar(e.Value, e.Count))];

    /// <summary>The top tables every report has: referrers, browsers, systems, devices, countries.</summary>
    public static List<(string Caption, int Colour, IReadOnlyList<ChartBar> Items, string? Empty)> TopTables(StatsTop top) =>
    [
        ("Top referrers", 1, Bars(top.Referrers), null),
        ("Browsers", 3, Bars(top.Browsers), null),
        ("Operating systems", 4, Bars(top.Os), null),
        ("Devices", 2, Bars(top.Devices), null),
        ("Countries", 5, Bars(top.Countries), null),
    ];

    /// <summary>The series a report's chart draws: one per visitor group.</summary>
    public static IReadOnlyList<ChartSeries> Series(StatsReport report) => VisitorSeries.Of(report.Series);

    public static IReadOnlyList<DateTimeOffset> Starts(StatsReport report) => [.. report.Series.Select(b => b.Start)];
}
