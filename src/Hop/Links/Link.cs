using Hop.Links.Routing;

namespace Hop.Links;

/// <summary>A short code and where it leads. Rows are never removed: a deleted code stays taken.</summary>
internal sealed class Link
{
    public long Id { get; set; }
    /// <summary>The domain the code belongs to: codes are unique per domain.</summary>
    public long DomainId { get; set; } = Domains.Domain.DefaultId;
    public required string Code { get; set; }
    public required string TargetUrl { get; set; }
    /// <summary>The target's host as stored in the URL (lower case, punycode, no trailing dot).</summary>
    public string TargetHost { get; set; } = "";
    /// <summary>The host's labels reversed with a final dot (<c>com.example.www.</c>), so that a domain and all
    /// its subdomains are one index range: see <see cref="Safety.HostKeys"/>.</summary>
    public string HostKey { get; set; } = "";
    /// <summary>True when the code was chosen by a person rather than generated.</summary>
    public bool IsCustomAlias { get; set; }
    public long? OwnerId { get; set; }
    public string? Title { get; set; }
    public List<string> Tags { get; set; } = [];
    public int RedirectStatus { get; set; } = StatusCodes.Status302Found;
    public bool ForwardQuery { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public long? MaxVisits { get; set; }
    public long VisitCount { get; set; }
    public string? PasswordHash { get; set; }
    public string? DisabledReason { get; set; }
    /// <summary>The blocklist entry that disabled the link or put it under review, so removing the entry undoes exactly that.</summary>
    public long? BlockedBy { get; set; }
    /// <summary>Why a visitor is shown a "you are leaving for …" page first; null redirects directly.</summary>
    public string? Warning { get; set; }
    /// <summary>Tried in order before the target; null for none. Stored as JSON text.</summary>
    public List<RedirectRule>? Rules { get; set; }
    /// <summary>An A/B split that replaces the target when no rule matches; null for none. Stored as JSON text.</summary>
    public List<Variant>? Variants { get; set; }
    public string? PreviewTitle { get; set; }
    public string? PreviewDescription { get; set; }
    public string? PreviewImage { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    /// <summary>Bumped on every change; the ETag and the optimistic concurrency token.</summary>
    public int Version { get; set; } = 1;

    /// <summary>The social preview, from its three columns; null when none is set.</summary>
    public LinkPreview? Preview
    {
        get => PreviewTitle is null && PreviewDescription is null && PreviewImage is null
            ? null
            : new LinkPreview { Title = PreviewTitle, Description = PreviewDescription, Image = PreviewImage };
        set => (PreviewTitle, PreviewDescription, PreviewImage) = (value?.Title, value?.Description, value?.Image);
    }

    public LinkState StateAt(DateTime now) =>
        DeletedAt is not null ? LinkState.Deleted
        : DisabledReason is not null ? LinkState.Disabled
        : ExpiresAt <= now || (MaxVisits is { } max && VisitCount >= max) ? LinkState.Expired
        : LinkState.Active;
}
