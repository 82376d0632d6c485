namespace Hop.Accounts;

internal sealed record TokenResponse
{
    public required string AccessToken { get; init; }
    public string TokenType { get; init; } = "Bearer";
    /// <summary>Seconds until the access token expires.</summary>
    public required int ExpiresIn { get; init; }
    public required string RefreshToken { get; init; }
    public required DateTime RefreshTokenExpiresAt { get; init; }
}
