namespace Hop.Redirects;

[Flags]
internal enum CachedLinkFlags
{
    None = 0,
    ForwardQuery = 1,
    HasPassword = 2,
}
