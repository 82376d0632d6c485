namespace Hop.Links;

internal sealed record CreateLinkRequest
{
    public string? Url { get; init; }
    public string? Alias { get; init; }
    /// <summary>The host of a configured domain; omitted: the API key's domain, else the default one. Fixed once created.</summary>
    public string? Domain { get; init; }
    public string? Title { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public long? MaxVisits { get; init; }
    /// <summary>301, 302 (default), 307 or 308.</summary>
    public int? RedirectStatus { get; init; }
    public bool? ForwardQuery { get; init; }
    /// <summary>When set, visitors must enter it before they are redirected; stored only as a hash.</summary>
    public string? Password { get; init; }
}
