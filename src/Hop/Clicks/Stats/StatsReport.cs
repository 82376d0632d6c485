using System.Diagnostics.CodeAnalysis;

namespace Hop.Clicks.Stats;

/// <summary>
/// What a stats request answers for its window: the bounds in the requested time zone, the grain,
/// the totals, the series and the top tables. A link's stats and the overview add their own fields.
/// </summary>
internal abstract record StatsReport
{
    protected StatsReport()
    {
    }

    [SetsRequiredMembers]
    protected StatsReport(StatsWindow window, StatsTotals totals, IReadOnlyList<StatsBucket> series, StatsTop top)
    {
        From = window.Local(window.FromUtc);
        To = window.Local(window.ToUtc);
        Granularity = window.Granularity.ToString().ToLowerInvariant();
        TimeZone = window.Zone.Id;
        Totals = totals;
        Series = series;
        Top = top;
    }

    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset To { get; init; }
    public required string Granularity { get; init; }
    public required string TimeZone { get; init; }
    public required StatsTotals Totals { get; init; }
    public required IReadOnlyList<StatsBucket> Series { get; init; }
    public required StatsTop Top { get; init; }
}
