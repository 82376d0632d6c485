using System.ComponentModel.DataAnnotations;

namespace Hop.Links;

internal sealed class LinkOptions : IValidatableObject
{
    public const string Section = "Links";

    /// <summary>Base of the short URLs Hop hands out, e.g. https://hop.example. When empty, the
    /// scheme and host of the request that created the link are used.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>The configured base without a trailing slash, or null when none is configured.</summary>
    public string? ConfiguredRoot => PublicBaseUrl is { } configured
        ? $"{configured.GetLeftPart(UriPartial.Authority)}{configured.AbsolutePath.TrimEnd('/')}"
        : null;

    /// <summary>Where Hop's own addresses start, without a trailing slash: the configured base, else this request's.</summary>
    public string PublicRoot(HttpRequest request) => ConfiguredRoot ?? $"{request.Scheme}://{request.Host}{request.PathBase}";

    public string ShortUrl(HttpRequest request, string code) => $"{PublicRoot(request)}/{code}";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PublicBaseUrl is { } url
            && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https") || url.Query.Length > 0 || url.Fragment.Length > 0
                || url.UserInfo.Length > 0))
        {
            yield return new ValidationResult(
                "Links:PublicBaseUrl must be an absolute http:// or https:// URL without user info, query or fragment, e.g. https://hop.example.",
                [nameof(PublicBaseUrl)]);
        }
    }
}
