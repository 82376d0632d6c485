namespace Hop.Domains;

internal sealed record DomainResponse
{
    public required long Id { get; init; }
    public required string Host { get; init; }
    public required bool IsDefault { get; init; }
    public required bool Https { get; init; }
    public string? RootRedirect { get; init; }
    public string? NotFoundRedirect { get; init; }
    public required string Access { get; init; }
    public required IReadOnlyList<long> Users { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }

    public static DomainResponse From(Domain domain) => new()
    {
        Id = domain.Id,
        Host = domain.Host,
        IsDefault = domain.IsDefault,
        Https = domain.Https,
        RootRedirect = domain.RootRedirect,
        NotFoundRedirect = domain.NotFoundRedirect,
        Access = domain.Access.ToString().ToLowerInvariant(),
        Users = domain.Users,
        CreatedAt = domain.CreatedAt,
        UpdatedAt = domain.UpdatedAt,
    };
}
