namespace Hop.Clicks.Stats;

internal sealed record StatsTotals
{
    public required long Total { get; init; }
    public required long Humans { get; init; }
    public required long Bots { get; init; }
    public required long Unfurlers { get; init; }
    public required long MailScanners { get; init; }
    public required long Prefetches { get; init; }
    /// <summary>Distinct visitors per UTC day, summed over the days of the range (the salt rotates daily).</summary>
    public required long UniqueVisitors { get; init; }
}
