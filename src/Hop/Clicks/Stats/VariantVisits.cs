namespace Hop.Clicks.Stats;

/// <summary>Visits a link's A/B variant received, by its 1-based number (<see cref="ClickRoute.Number"/>).</summary>
internal sealed record VariantVisits(int Variant, long Visits);
