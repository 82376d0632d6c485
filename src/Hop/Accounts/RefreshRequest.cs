namespace Hop.Accounts;

internal sealed record RefreshRequest
{
    public string? RefreshToken { get; init; }
}
