namespace Hop.Links;

/// <summary>The stored answer to a POST sent with an Idempotency-Key, replayed on a retry.</summary>
internal sealed class IdempotencyRecord
{
    /// <summary>Whose key it is (user id, or "anon:" + client address), so keys never cross callers.</summary>
    public required string Scope { get; set; }
    public required string Key { get; set; }
    /// <summary>SHA-256 of method, path and body: the same key with another body is refused.</summary>
    public required byte[] RequestHash { get; set; }
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public required byte[] Body { get; set; }
    public DateTime CreatedAt { get; set; }
}
