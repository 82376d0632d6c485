namespace Hop.Clicks;

/// <summary>
/// What the redirect handler knows about one visit. Carries the client IP only in transit (in memory
/// or on the broker); the consumer turns it into a salted visitor hash and never stores it.
/// </summary>
internal sealed record ClickEvent
{
    public required long LinkId { get; init; }
    public required DateTime OccurredAt { get; init; }
    public string? Referrer { get; init; }
    public string? UserAgent { get; init; }
    public string? ClientIp { get; init; }
    public string? AcceptLanguage { get; init; }
    /// <summary>From the trusted proxy's country header, when one is configured.</summary>
    public string? Country { get; init; }
    public bool IsHead { get; init; }
    /// <summary>The browser said this is a speculative load (Purpose / Sec-Purpose: prefetch).</summary>
    public bool IsPrefetch { get; init; }
    /// <summary>The rule or variant the visit was sent to (<see cref="ClickRoute"/>); 0 for the link's target.</summary>
    public short Route { get; init; }
}
