using Hop.Domains;
using Hop.Links.Routing;

namespace Hop.Links;

internal sealed record LinkResponse
{
    public required string Code { get; init; }
    /// <summary>The host of the link's domain; fixed once the link is created.</summary>
    public required string Domain { get; init; }
    public required string ShortUrl { get; init; }
    public required string Url { get; init; }
    public string? Title { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required int RedirectStatus { get; init; }
    public required bool ForwardQuery { get; init; }
    public DateTime? ExpiresAt { get; init; }
    public long? MaxVisits { get; init; }
    public required bool HasPassword { get; init; }
    public required string State { get; init; }
    public string? DisabledReason { get; init; }
    /// <summary>Why visitors see a "you are leaving for …" page first (a look-alike host, a domain under review); null for none.</summary>
    public string? Warning { get; init; }
    public IReadOnlyList<RedirectRule>? Rules { get; init; }
    public IReadOnlyList<Variant>? Variants { get; init; }
    public LinkPreview? Preview { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public DateTime? DeletedAt { get; init; }

    public static LinkResponse From(Link link, LinkAddress address, DateTime now) => new()
    {
        Code = link.Code,
        Domain = address.Domain,
        ShortUrl = address.ShortUrl,
        Url = link.TargetUrl,
        Title = link.Title,
        Tags = link.Tags,
        RedirectStatus = link.RedirectStatus,
        ForwardQuery = link.ForwardQuery,
        ExpiresAt = link.ExpiresAt,
        MaxVisits = link.MaxVisits,
        HasPassword = link.PasswordHash is not null,
        State = link.StateAt(now).ToString().ToLowerInvariant(),
        DisabledReason = link.DisabledReason,
        Warning = link.Warning,
        Rules = link.Rules,
        Variants = link.Variants,
        Preview = link.Preview,
        CreatedAt = link.CreatedAt,
        UpdatedAt = link.UpdatedAt,
        DeletedAt = link.DeletedAt,
    };
}
