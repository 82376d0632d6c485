namespace Hop.Redirects;

/// <summary>The redirect an active link answers: its status, its <c>Location</c> (with the visitor's query when the link forwards it) and how long it may be cached.</summary>
internal static class LinkRedirect
{
    private const string Uncached = "private, max-age=0";

    public static void Redirect(HttpContext http, CachedLink link, int status, string cacheControl) =>
        Redirect(http, link, link.Target, status, cacheControl);

    /// <summary>The same to <paramref name="target"/>, the destination a rule or variant chose.</summary>
    public static void Redirect(HttpContext http, CachedLink link, string target, int status, string cacheControl)
    {
        var response = http.Response;
        response.StatusCode = status;
        response.Headers.Location = link.ForwardQuery
            ? QueryForwarding.Merge(target, http.Request.QueryString.Value)
            : target;
        response.Headers.CacheControl = cacheControl;
    }

    /// <summary>The link's own status when it is a redirect status Hop supports, else 302.</summary>
    public static int StatusOf(CachedLink link) => link.Status switch
    {
        StatusCodes.Status301MovedPermanently or StatusCodes.Status307TemporaryRedirect
            or StatusCodes.Status308PermanentRedirect => link.Status,
        _ => StatusCodes.Status302Found,
    };

    /// <summary>
    /// Permanent redirects may be cached publicly, but never past the link's expiry. Links whose visits
    /// are limited or that are password-protected are never cached, so every visit reaches Hop; nor are
    /// links with rules, variants or a preview, whose answer depends on the visitor.
    /// </summary>
    public static string CacheControl(CachedLink link, RedirectOptions options, DateTime now)
    {
        if (StatusOf(link) is not (StatusCodes.Status301MovedPermanently or StatusCodes.Status308PermanentRedirect)
            || link.MaxVisits is not null || link.HasPassword || link.IsRouted)
        {
            return Uncached;
        }

        long maxAge = options.PermanentMaxAgeSeconds;
        if (link.ExpiresAt is { } expiresAt)
        {
            maxAge = Math.Clamp((long)(expiresAt - now).TotalSeconds, 0, maxAge);
        }

        return maxAge == 0 ? Uncached : options.PublicCacheControl(maxAge);
    }
}
