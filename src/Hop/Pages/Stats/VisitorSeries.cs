using Hop.Clicks;

namespace Hop.Pages.Stats;

/// <summary>
/// How the pages group visitor classes: humans, bots and unfurlers each on their own, and "the rest"
/// (mail scanners, prefetches and any class added later) as what the three leave of the total, so
/// every visit is shown once. Each group keeps its colour on every chart and tile.
/// </summary>
internal static class VisitorSeries
{
    public static readonly IReadOnlyList<(string Name, int Colour, Func<VisitorCounts, long> Count)> Groups =
    [
        ("Humans", 1, c => c.Humans),
        ("Bots", 2, c => c.Bots),
        ("Unfurlers", 4, c => c.Unfurlers),
        ("The rest", 6, Rest),
    ];

    /// <summary>Visits that are neither human, bot nor unfurler: mail scanners, prefetches.</summary>
    public static long Rest(VisitorCounts counts) => counts.Total - counts.Humans - counts.Bots - counts.Unfurlers;

    /// <summary>One chart series per group over <paramref name="buckets"/>.</summary>
    public static IReadOnlyList<ChartSeries> Of(IReadOnlyList<VisitorCounts> buckets) =>
        [.. Groups.Select(g => new ChartSeries(g.Name, g.Colour, [.. buckets.Select(g.Count)]))];
}
