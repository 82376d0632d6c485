using System.Text.Json.Serialization;

namespace Hop.Clicks.Stats;

/// <summary>The visits of a stats range, by class.</summary>
internal sealed record StatsTotals : VisitorCounts
{
    public StatsTotals()
    {
    }

    public StatsTotals(VisitorCounts counts)
        : base(counts)
    {
    }

    /// <summary>Distinct visitors per UTC day, summed over the days of the range (the salt rotates daily).</summary>
    [JsonPropertyOrder(1)]
    public required long UniqueVisitors { get; init; }
}
