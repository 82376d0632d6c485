namespace Hop.Accounts;

/// <summary>The body of <c>POST /api/v1/me/password</c>.</summary>
internal sealed record ChangePasswordRequest
{
    public string? CurrentPassword { get; init; }
    public string? NewPassword { get; init; }
}
