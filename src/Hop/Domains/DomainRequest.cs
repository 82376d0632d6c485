namespace Hop.Domains;

/// <summary>A domain to add (<c>POST /api/v1/admin/domains</c>); a patch names the members to change.</summary>
internal sealed record DomainRequest
{
    /// <summary>A public DNS name (Unicode or punycode), without scheme or port.</summary>
    public string? Host { get; init; }
    /// <summary>Short URLs start with https:// (default) or http://.</summary>
    public bool? Https { get; init; }
    /// <summary>Where <c>/</c> sends visitors; null: the 404 page (Hop's home on the default domain).</summary>
    public string? RootRedirect { get; init; }
    /// <summary>Where an unknown code sends visitors; null: the 404 page.</summary>
    public string? NotFoundRedirect { get; init; }
    /// <summary>Who may create links on it: everyone (default), admins, or users (admins and <see cref="Users"/>).</summary>
    public string? Access { get; init; }
    /// <summary>The ids of the users who may create links when <see cref="Access"/> is users.</summary>
    public IReadOnlyList<long>? Users { get; init; }
}
