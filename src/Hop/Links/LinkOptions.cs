namespace Hop.Links;

internal sealed class LinkOptions
{
    public const string Section = "Links";

    /// <summary>Base of the short URLs Hop hands out, e.g. https://hop.example. When empty, the
    /// scheme and host of the request that created the link are used.</summary>
    public Uri? PublicBaseUrl { get; set; }

    public string ShortUrl(HttpRequest request, string code) => PublicBaseUrl is { } configured
        ? $"{configured.GetLeftPart(UriPartial.Authority)}{configured.AbsolutePath.TrimEnd('/')}/{code}"
        : $"{request.Scheme}://{request.Host}{request.PathBase}/{code}";
}
