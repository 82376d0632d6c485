namespace Hop.Accounts;

/// <summary>An API key: only a SHA-256 of the secret is kept; the prefix lets people tell keys apart.</summary>
internal sealed class ApiKey
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required byte[] SecretHash { get; set; }
    public List<string> Scopes { get; set; } = [];
    /// <summary>The one domain the key works on (its links only); null for every domain.</summary>
    public long? DomainId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}
