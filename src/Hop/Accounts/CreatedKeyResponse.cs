namespace Hop.Accounts;

/// <summary>The one response that carries a key's secret; it is never shown again.</summary>
internal sealed record CreatedKeyResponse
{
    public required string Key { get; init; }
    public required KeyResponse Details { get; init; }
}
