namespace Hop.Redirects;

[Flags]
internal enum CachedLinkFlags
{
    None = 0,
    ForwardQuery = 1,
    HasPassword = 2,
    /// <summary>Visitors see the interstitial (<see cref="CachedLink.Warning"/>) instead of a redirect.</summary>
    HasWarning = 4,

    /// <summary>What sends a link off the fast path, tested at once.</summary>
    OffFastPath = HasPassword | HasWarning,
}
