namespace Hop.Redirects;

[Flags]
internal enum CachedLinkFlags
{
    None = 0,
    ForwardQuery = 1,
    HasPassword = 2,
    /// <summary>Visitors see the interstitial (<see cref="CachedLink.Warning"/>) instead of a redirect.</summary>
    HasWarning = 4,
    /// <summary>The link has rules, variants or a preview (<see cref="CachedLink.Routing"/>): where a visitor goes depends on the visitor.</summary>
    Routed = 8,

    /// <summary>What needs more than a redirect before the visitor is routed.</summary>
    Gated = HasPassword | HasWarning,

    /// <summary>What sends a link off the fast path, tested at once.</summary>
    OffFastPath = Gated | Routed,
}
