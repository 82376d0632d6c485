namespace Hop.Clicks.Writing;

/// <summary>A click event with everything <see cref="ClickEnricher"/> derives from it: what an
/// <see cref="IVisitStore"/> stores and counts.</summary>
internal sealed record EnrichedVisit
{
    public required long LinkId { get; init; }
    public required DateTime OccurredAt { get; init; }
    public required string? ReferrerHost { get; init; }
    public required UserAgentInfo Agent { get; init; }
    public required string? Country { get; init; }
    public required byte[] VisitorHash { get; init; }
    /// <summary>The rule or variant the visit was sent to (<see cref="ClickRoute"/>).</summary>
    public required short Route { get; init; }
}
