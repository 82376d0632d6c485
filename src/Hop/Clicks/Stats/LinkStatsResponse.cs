using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Hop.Clicks.Stats;

internal sealed record LinkStatsResponse : StatsReport
{
    public LinkStatsResponse()
    {
    }

    [SetsRequiredMembers]
    public LinkStatsResponse(string code, StatsWindow window, StatsTotals totals, IReadOnlyList<StatsBucket> series, StatsTop top)
        : base(window, totals, series, top) => Code = code;

    [JsonPropertyOrder(-1)]
    public required string Code { get; init; }
}
