namespace Hop.Clicks.Stats;

internal sealed record StatsTop
{
    public required IReadOnlyList<StatsEntry> Referrers { get; init; }
    public required IReadOnlyList<StatsEntry> Browsers { get; init; }
    public required IReadOnlyList<StatsEntry> Os { get; init; }
    public required IReadOnlyList<StatsEntry> Devices { get; init; }
    public required IReadOnlyList<StatsEntry> Countries { get; init; }
}
