namespace Hop.Accounts;

internal sealed record KeyResponse
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required string Prefix { get; init; }
    public required IReadOnlyList<string> Scopes { get; init; }
    public required DateTime CreatedAt { get; init; }
    public DateTime? ExpiresAt { get; init; }
    public DateTime? RevokedAt { get; init; }
    public DateTime? LastUsedAt { get; init; }
    /// <summary>The host of the one domain the key works on; null for every domain.</summary>
    public string? Domain { get; init; }

    public static KeyResponse From(ApiKey key) => From(key, domainHost: null);

    public static KeyResponse From(ApiKey key, string? domainHost) => new()
    {
        Id = key.Id,
        Name = key.Name,
        Prefix = key.Prefix,
        Scopes = key.Scopes,
        CreatedAt = key.CreatedAt,
        ExpiresAt = key.ExpiresAt,
        RevokedAt = key.RevokedAt,
        LastUsedAt = key.LastUsedAt,
        Domain = domainHost,
    };
}
