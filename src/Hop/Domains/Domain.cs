namespace Hop.Domains;

/// <summary>
/// A host Hop answers on. Codes are unique per domain, so <c>a.example/x</c> and <c>b.example/x</c> are
/// two links. The default domain (id <see cref="DefaultId"/>) always exists; its host follows
/// Links:PublicBaseUrl and is set at start-up.
/// </summary>
internal sealed class Domain
{
    public const long DefaultId = 1;

    /// <summary>The default domain's host when Links:PublicBaseUrl is not set.</summary>
    public const string LocalHost = "localhost";

    public const int MaxHostLength = 253;

    public long Id { get; set; }

    /// <summary>Lower case, punycode, no port and no trailing dot.</summary>
    public required string Host { get; set; }

    public bool IsDefault { get; set; }

    /// <summary>Whether short URLs on the domain start with https:// (true) or http://.</summary>
    public bool Https { get; set; } = true;

    /// <summary>Where <c>/</c> sends visitors; null: Hop's own home on the default domain, the 404 page on another.</summary>
    public string? RootRedirect { get; set; }

    /// <summary>Where an unknown code sends visitors; null: the 404 page.</summary>
    public string? NotFoundRedirect { get; set; }

    public DomainAccess Access { get; set; }

    /// <summary>The users who may create links when <see cref="Access"/> is <see cref="DomainAccess.Users"/>.</summary>
    public List<long> Users { get; set; } = [];

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
