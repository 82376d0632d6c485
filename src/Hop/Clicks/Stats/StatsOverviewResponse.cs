using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Hop.Clicks.Stats;

internal sealed record StatsOverviewResponse : StatsReport
{
    public StatsOverviewResponse()
    {
    }

    [SetsRequiredMembers]
    public StatsOverviewResponse(
        int links, IReadOnlyList<TopLink> topLinks, StatsWindow window, StatsTotals totals, IReadOnlyList<StatsBucket> series, StatsTop top)
        : base(window, totals, series, top)
    {
        Links = links;
        TopLinks = topLinks;
    }

    [JsonPropertyOrder(-1)]
    public required int Links { get; init; }

    [JsonPropertyOrder(1)]
    public required IReadOnlyList<TopLink> TopLinks { get; init; }
}
