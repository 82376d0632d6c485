namespace Hop.Links;

/// <summary>
/// One page of a listing, in the listing's order: <see cref="Next"/> is where the following page starts
/// (null on the last page), <see cref="Previous"/> where the page before ends (null on the first).
/// </summary>
internal sealed record LinkSlice(List<Link> Links, LinkListing.Cursor? Next, LinkListing.Cursor? Previous);
