using System.Collections.Frozen;
using Hop.Accounts;

namespace Hop.Domains;

/// <summary>What a request needs to know about a domain: small and immutable, shared by every request on it.</summary>
internal sealed class DomainEntry
{
    public required long Id { get; init; }
    public required string Host { get; init; }
    public required bool IsDefault { get; init; }
    public required bool Https { get; init; }
    public string? RootRedirect { get; init; }
    public string? NotFoundRedirect { get; init; }
    public required DomainAccess Access { get; init; }
    public required FrozenSet<long> Users { get; init; }

    /// <summary>Whether <paramref name="caller"/> may create links here: an admin always may.</summary>
    public bool MayCreate(Caller caller) =>
        caller.IsAdmin
        || Access == DomainAccess.Everyone
        || (Access == DomainAccess.Users && caller.UserId is { } id && Users.Contains(id));

    public static DomainEntry From(Domain domain) => new()
    {
        Id = domain.Id,
        Host = domain.Host,
        IsDefault = domain.IsDefault,
        Https = domain.Https,
        RootRedirect = domain.RootRedirect,
        NotFoundRedirect = domain.NotFoundRedirect,
        Access = domain.Access,
        Users = domain.Users.ToFrozenSet(),
    };
}
