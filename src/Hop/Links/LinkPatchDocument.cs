using Hop.Links.Routing;

namespace Hop.Links;

/// <summary>
/// The fields <c>PATCH /api/v1/links/{code}</c> accepts, as a JSON merge patch (RFC 7396): a field that is
/// absent is left alone, null removes it. Describes the body for the OpenAPI document; the handler reads
/// the raw JSON so that absent and null stay distinct.
/// </summary>
internal sealed record LinkPatchDocument
{
    public string? Url { get; init; }
    public string? Title { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public long? MaxVisits { get; init; }
    public int? RedirectStatus { get; init; }
    public bool? ForwardQuery { get; init; }
    public string? Password { get; init; }
    public bool? Disabled { get; init; }
    /// <summary>Replaces every rule; null or [] removes them.</summary>
    public IReadOnlyList<RedirectRule>? Rules { get; init; }
    /// <summary>Replaces the split; null removes it.</summary>
    public IReadOnlyList<Variant>? Variants { get; init; }
    /// <summary>Merged member by member; null removes the preview, a member set to null removes that member.</summary>
    public LinkPreview? Preview { get; init; }
}
