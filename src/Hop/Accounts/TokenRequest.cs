namespace Hop.Accounts;

internal sealed record TokenRequest
{
    public string? Username { get; init; }
    public string? Password { get; init; }
}
