namespace Hop.Accounts;

internal sealed record AdminLinkResponse
{
    public required long Id { get; init; }
    public required string Code { get; init; }
    public required string Url { get; init; }
    public long? OwnerId { get; init; }
    public string? Title { get; init; }
    public required string State { get; init; }
    public required long VisitCount { get; init; }
    public required DateTime CreatedAt { get; init; }
}
