namespace Hop.Accounts;

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
