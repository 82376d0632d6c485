namespace Hop.Safety.Blocklist;

internal sealed record BlocklistEntryResponse
{
    public required long Id { get; init; }
    public required string Value { get; init; }

    /// <summary>"domain" or "url".</summary>
    public required string Kind { get; init; }

    /// <summary>"block" or "review".</summary>
    public required string Action { get; init; }
    public string? Reason { get; init; }
    public required string Source { get; init; }
    public long? AddedBy { get; init; }
    public required DateTime AddedAt { get; init; }

    public static BlocklistEntryResponse From(BlocklistEntry entry) => new()
    {
        Id = entry.Id,
        Value = entry.Value,
        Kind = entry.Kind == BlocklistKind.Domain ? "domain" : "url",
        Action = entry.Action == BlocklistAction.Block ? "block" : "review",
        Reason = entry.Reason,
        Source = entry.Source,
        AddedBy = entry.AddedBy,
        AddedAt = entry.AddedAt,
    };
}
