using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Hop.Clicks.Stats;

internal sealed record LinkStatsResponse : StatsReport
{
    public LinkStatsResponse()
    {
    }

    [SetsRequiredMembers]
    public LinkStatsResponse(
        string code, StatsWindow window, StatsTotals totals, IReadOnlyList<StatsBucket> series, StatsTop top, StatsRoutes routes)
        : base(window, totals, series, top)
    {
        Code = code;
        Rules = routes.Rules;
        Variants = routes.Variants;
    }

    [JsonPropertyOrder(-1)]
    public required string Code { get; init; }

    /// <summary>The visits each redirect rule sent on in the window, by rule number; rules without visits are left out.</summary>
    [JsonPropertyOrder(1)]
    public required IReadOnlyList<RuleVisits> Rules { get; init; }

    /// <summary>The visits each A/B variant received in the window, by variant number; variants without visits are left out.</summary>
    [JsonPropertyOrder(2)]
    public required IReadOnlyList<VariantVisits> Variants { get; init; }
}
