using System.Text.Json.Serialization;
using Hop.Links;
using Hop.Links.Routing;
using Hop.Redirects.Routing;

namespace Hop.Redirects;

/// <summary>
/// What a redirect needs to know about a link, small and immutable, so one instance can be shared by
/// every request that hits it (and serialized into Redis). Never the EF entity.
/// </summary>
internal sealed record CachedLink
{
    public required long Id { get; init; }
    public required string Target { get; init; }
    public required int Status { get; init; }
    public CachedLinkFlags Flags { get; init; }
    public long? MaxVisits { get; init; }
    public DateTime? ExpiresAt { get; init; }
    /// <summary>Why visitors see the interstitial first; set exactly when <see cref="CachedLinkFlags.HasWarning"/> is.</summary>
    public string? Warning { get; init; }

    /// <summary>The state when the link was read, without the passing of time: <see cref="StateAt"/> adds that.</summary>
    public LinkState State { get; init; }

    /// <summary>Set exactly when <see cref="CachedLinkFlags.Routed"/> is, as the link stores them.</summary>
    public IReadOnlyList<RedirectRule>? Rules { get; init; }
    public IReadOnlyList<Variant>? Variants { get; init; }
    public LinkPreview? Preview { get; init; }

    private LinkRouting? _routing;

    /// <summary>Compiled on first use, once per cache entry (a race compiles twice, alike).</summary>
    [JsonIgnore]
    public LinkRouting Routing => _routing ??= LinkRouting.Compile(Rules, Variants, Preview);

    public bool ForwardQuery => (Flags & CachedLinkFlags.ForwardQuery) != 0;
    public bool HasPassword => (Flags & CachedLinkFlags.HasPassword) != 0;
    public bool HasWarning => (Flags & CachedLinkFlags.HasWarning) != 0;
    public bool IsRouted => (Flags & CachedLinkFlags.Routed) != 0;

    public static CachedLinkFlags RoutedFlag(object? rules, object? variants, object? preview) =>
        rules is null && variants is null && preview is null ? CachedLinkFlags.None : CachedLinkFlags.Routed;

    public static CachedLink From(Link link) => new()
    {
        Id = link.Id,
        Target = link.TargetUrl,
        Status = link.RedirectStatus,
        Flags = (link.ForwardQuery ? CachedLinkFlags.ForwardQuery : CachedLinkFlags.None)
            | (link.PasswordHash is null ? CachedLinkFlags.None : CachedLinkFlags.HasPassword)
            | (link.Warning is null ? CachedLinkFlags.None : CachedLinkFlags.HasWarning)
            | RoutedFlag(link.Rules, link.Variants, link.Preview),
        MaxVisits = link.MaxVisits,
        ExpiresAt = link.ExpiresAt,
        Warning = link.Warning,
        Rules = link.Rules,
        Variants = link.Variants,
        Preview = link.Preview,
        State = link.DeletedAt is not null ? LinkState.Deleted
            : link.DisabledReason is not null ? LinkState.Disabled
            : link.MaxVisits is { } max && link.VisitCount >= max ? LinkState.Expired
            : LinkState.Active,
    };

    public LinkState StateAt(DateTime now) =>
        State == LinkState.Active && ExpiresAt <= now ? LinkState.Expired : State;
}
