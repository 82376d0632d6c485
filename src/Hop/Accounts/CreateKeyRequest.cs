namespace Hop.Accounts;

internal sealed record CreateKeyRequest
{
    public string? Name { get; init; }
    public IReadOnlyList<string>? Scopes { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    /// <summary>The host of the one domain the key works on; omitted: every domain (or the creating key's one).</summary>
    public string? Domain { get; init; }
}
