namespace Hop.Accounts;

internal static class Roles
{
    public const string Admin = "admin";
    public const string User = "user";
}

internal static class Scopes
{
    public const string LinksRead = "links:read";
    public const string LinksWrite = "links:write";
    public const string StatsRead = "stats:read";
    public const string Admin = "admin";

    public static readonly string[] All = [LinksRead, LinksWrite, StatsRead, Admin];
}

internal sealed class User
{
    public long Id { get; set; }
    public required string Username { get; set; }
    public required string Email { get; set; }
    public required string PasswordHash { get; set; }
    public string Role { get; set; } = Roles.User;
    public DateTime CreatedAt { get; set; }
    public DateTime? DisabledAt { get; set; }
}

/// <summary>An API key: only a SHA-256 of the secret is kept; the prefix lets people tell keys apart.</summary>
internal sealed class ApiKey
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required byte[] SecretHash { get; set; }
    public List<string> Scopes { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}

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
