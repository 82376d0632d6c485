namespace Hop.Clicks.Writing;

/// <summary>A click event with everything the consumer derives from it; what gets stored.</summary>
internal sealed record EnrichedVisit
{
    public required Guid EventId { get; init; }
    public required long LinkId { get; init; }
    public required DateTime OccurredAt { get; init; }
    public required string? ReferrerHost { get; init; }
    public required UserAgentInfo Agent { get; init; }
    public required string? Country { get; init; }
    public required byte[] VisitorHash { get; init; }
}
