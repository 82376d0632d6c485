namespace Hop.Accounts;

internal sealed record RegisterRequest
{
    public string? Username { get; init; }
    public string? Email { get; init; }
    public string? Password { get; init; }
    public string? Invite { get; init; }
}
