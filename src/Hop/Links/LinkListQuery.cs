namespace Hop.Links;

/// <summary>The query string of <c>GET /api/v1/links</c>; everything is text so that every bad value is reported at once.</summary>
internal sealed record LinkListQuery
{
    /// <summary>Page size, 1 to 500 (default 50).</summary>
    public string? Limit { get; init; }
    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    public string? Cursor { get; init; }
    /// <summary>Only links carrying this tag.</summary>
    public string? Tag { get; init; }
    /// <summary>Case-insensitive substring of the code, the target URL or the title.</summary>
    public string? Q { get; init; }
    /// <summary>ISO 8601; only links created at or after it.</summary>
    public string? CreatedAfter { get; init; }
    /// <summary>ISO 8601; only links created before it.</summary>
    public string? CreatedBefore { get; init; }
    /// <summary>active, expired, disabled or deleted; by default every link that is not deleted.</summary>
    public string? State { get; init; }
    /// <summary>Only links on this domain (its host).</summary>
    public string? Domain { get; init; }
    /// <summary><c>-created</c> (newest first, default) or <c>created</c>.</summary>
    public string? Sort { get; init; }
}
