namespace Hop.Safety.Blocklist;

/// <summary>A row of <c>blocked_domains</c>: a domain or exact URL an admin has blocked or put under review.</summary>
internal sealed class BlocklistEntry
{
    public const int MaxValueLength = 2048;
    public const int MaxReasonLength = 500;
    public const int MaxSourceLength = 200;

    public long Id { get; set; }

    /// <summary>A normalized domain (lower case, punycode, no trailing dot) or a normalized URL, as the links' url rule stores it.</summary>
    public required string Value { get; set; }
    public BlocklistKind Kind { get; set; }
    public BlocklistAction Action { get; set; }
    public string? Reason { get; set; }

    /// <summary>Where the entry came from: "api", "cli", "import:FILE", "abuse report #N".</summary>
    public required string Source { get; set; }
    public long? AddedBy { get; set; }
    public DateTime AddedAt { get; set; }
}
