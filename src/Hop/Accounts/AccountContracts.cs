namespace Hop.Accounts;

internal sealed record RegisterRequest
{
    public string? Username { get; init; }
    public string? Email { get; init; }
    public string? Password { get; init; }
    public string? Invite { get; init; }
}

internal sealed record UserResponse
{
    public required long Id { get; init; }
    public required string Username { get; init; }
    public required string Email { get; init; }
    public required string Role { get; init; }
    public required DateTime CreatedAt { get; init; }
    public DateTime? DisabledAt { get; init; }

    public static UserResponse From(User user) => new()
    {
        Id = user.Id,
        Username = user.Username,
        Email = user.Email,
        Role = user.Role,
        CreatedAt = user.CreatedAt,
        DisabledAt = user.DisabledAt,
    };
}

internal sealed record TokenRequest
{
    public string? Username { get; init; }
    public string? Password { get; init; }
}

internal sealed record RefreshRequest
{
    public string? RefreshToken { get; init; }
}

internal sealed record TokenResponse
{
    public required string AccessToken { get; init; }
    public string TokenType { get; init; } = "Bearer";
    /// <summary>Seconds until the access token expires.</summary>
    public required int ExpiresIn { get; init; }
    public required string RefreshToken { get; init; }
    public required DateTime RefreshTokenExpiresAt { get; init; }
}

internal sealed record CreateKeyRequest
{
    public string? Name { get; init; }
    public IReadOnlyList<string>? Scopes { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
}

internal sealed record KeyResponse
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required string Prefix { get; init; }
    public required IReadOnlyList<string> Scopes { get; init; }
    public required DateTime CreatedAt { get; init; }
    public DateTime? ExpiresAt { get; init; }
    public DateTime? RevokedAt { get; init; }
    public DateTime? LastUsedAt { get; init; }

    public static KeyResponse From(ApiKey key) => new()
    {
        Id = key.Id,
        Name = key.Name,
        Prefix = key.Prefix,
        Scopes = key.Scopes,
        CreatedAt = key.CreatedAt,
        ExpiresAt = key.ExpiresAt,
        RevokedAt = key.RevokedAt,
        LastUsedAt = key.LastUsedAt,
    };
}

/// <summary>The one response that carries a key's secret; it is never shown again.</summary>
internal sealed record CreatedKeyResponse
{
    public required string Key { get; init; }
    public required KeyResponse Details { get; init; }
}

internal sealed record CreateInviteRequest
{
    public string? Role { get; init; }
}

internal sealed record InviteResponse
{
    public required string Token { get; init; }
    public required string Url { get; init; }
    public required string Role { get; init; }
    public required DateTime ExpiresAt { get; init; }
}

internal sealed record Page<T>
{
    public required IReadOnlyList<T> Items { get; init; }
    /// <summary>Pass as <c>after</c> to read the next page; null on the last page.</summary>
    public long? Next { get; init; }
}

internal sealed record AdminLinkResponse
{
    public required long Id { get; init; }
    public required string Code { get; init; }
    public required string Url { get; init; }
    public long? OwnerId { get; init; }
    public string? Title { get; init; }
    public required string State { get; init; }
    public required long VisitCount { get; init; }
    public required DateTime CreatedAt { get; init; }
}
