using Hop.Links.Routing;

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
    /// <summary>Tried in order; the first whose conditions all hold sends the visitor to its url.</summary>
    public IReadOnlyList<RedirectRule>? Rules { get; init; }
    /// <summary>2 to 10 targets with weights summing to 100; each visitor keeps theirs.</summary>
    public IReadOnlyList<Variant>? Variants { get; init; }
    /// <summary>What link unfurlers (Slack, X, …) show; they get an Open Graph page instead of the redirect.</summary>
    public LinkPreview? Preview { get; init; }
}
