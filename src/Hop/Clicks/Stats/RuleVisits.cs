namespace Hop.Clicks.Stats;

/// <summary>Visits a link's redirect rule sent on, by its 1-based number (<see cref="ClickRoute.Number"/>).</summary>
internal sealed record RuleVisits(int Rule, long Visits);
