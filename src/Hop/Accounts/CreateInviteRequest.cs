namespace Hop.Accounts;

internal sealed record CreateInviteRequest
{
    public string? Role { get; init; }
}
