namespace Hop.Clicks.Stats;

internal sealed record StatsOverviewResponse
{
    public required int Links { get; init; }
    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset To { get; init; }
    public required string Granularity { get; init; }
    public required string TimeZone { get; init; }
    public required StatsTotals Totals { get; init; }
    public required IReadOnlyList<StatsBucket> Series { get; init; }
    public required StatsTop Top { get; init; }
    public required IReadOnlyList<TopLink> TopLinks { get; init; }
}
