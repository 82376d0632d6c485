namespace Hop.Accounts;

internal sealed record InviteResponse
{
    public required string Token { get; init; }
    public required string Url { get; init; }
    public required string Role { get; init; }
    public required DateTime ExpiresAt { get; init; }
}
