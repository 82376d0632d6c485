namespace Hop.Accounts;

/// <summary>A rotating refresh token; tokens of one sign-in share a family, revoked together on reuse.</summary>
internal sealed class RefreshToken
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public required byte[] TokenHash { get; set; }
    public Guid FamilyId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
