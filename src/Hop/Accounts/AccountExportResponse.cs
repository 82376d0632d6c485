namespace Hop.Accounts;

/// <summary><c>GET /api/v1/me/export</c>: everything Hop keeps of one user, never a hash or a secret.</summary>
internal sealed record AccountExportResponse
{
    public required DateTime ExportedAt { get; init; }
    public required UserResponse Profile { get; init; }
    public required IReadOnlyList<ExportedLink> Links { get; init; }
    public required IReadOnlyList<KeyResponse> ApiKeys { get; init; }
    public required IReadOnlyList<SessionResponse> Sessions { get; init; }
}
