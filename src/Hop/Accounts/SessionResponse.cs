namespace Hop.Accounts;

/// <summary>A refresh token as its owner may see it: when, never the token or its hash.</summary>
internal sealed record SessionResponse
{
    public required long Id { get; init; }
    public required Guid FamilyId { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime ExpiresAt { get; init; }
    public DateTime? UsedAt { get; init; }
    public DateTime? RevokedAt { get; init; }

    public static SessionResponse From(RefreshToken token) => new()
    {
        Id = token.Id,
        FamilyId = token.FamilyId,
        CreatedAt = token.CreatedAt,
        ExpiresAt = token.ExpiresAt,
        UsedAt = token.UsedAt,
        RevokedAt = token.RevokedAt,
    };
}
