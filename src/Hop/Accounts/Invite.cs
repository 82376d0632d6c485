namespace Hop.Accounts;

/// <summary>A one-time invitation (or the first-run admin setup token), kept as a hash.</summary>
internal sealed class Invite
{
    public long Id { get; set; }
    public required byte[] TokenHash { get; set; }
    public string Role { get; set; } = Roles.User;
    public long? CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
}
