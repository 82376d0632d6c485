namespace Hop.Accounts;

internal sealed record CreateKeyRequest
{
    public string? Name { get; init; }
    public IReadOnlyList<string>? Scopes { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
}
