namespace Hop.Accounts;

/// <summary>The confirmation of <c>DELETE /api/v1/me</c>: the account's current password.</summary>
internal sealed record DeleteAccountRequest
{
    public string? Password { get; init; }
}
