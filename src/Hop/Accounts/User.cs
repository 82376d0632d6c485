namespace Hop.Accounts;

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
