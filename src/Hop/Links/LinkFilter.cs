namespace Hop.Links;

/// <summary>
/// A listing of links as <see cref="LinkListing.Read"/> checked it from a query string: what to show,
/// in which order, and where the page starts. The API and the dashboard both list through it.
/// </summary>
internal sealed record LinkFilter
{
    public int Limit { get; init; } = LinkListing.DefaultLimit;
    /// <summary>The page starts after this position (the previous page's last link).</summary>
    public LinkListing.Cursor? After { get; init; }
    /// <summary>The page ends before this position (the next page's first link): paging backwards.</summary>
    public LinkListing.Cursor? Before { get; init; }
    public string? Tag { get; init; }
    public string? Q { get; init; }
    public DateTime? CreatedAfter { get; init; }
    public DateTime? CreatedBefore { get; init; }
    /// <summary>Null: every link that is not deleted.</summary>
    public LinkState? State { get; init; }
    public long? DomainId { get; init; }
    public bool NewestFirst { get; init; } = true;
}
