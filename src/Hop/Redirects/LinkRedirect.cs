using Hop.Links;

namespace Hop.Redirects;

/// <summary>What an active link answers: a redirect with its own status and caching, or a password form.</summary>
internal static class LinkRedirect
{
    private const string Uncached = "private, max-age=0";

    public static Task AnswerAsync(HttpContext http, Link link, RedirectOptions options, DateTime now)
    {
        if (link.PasswordHash is not null)
        {
            return PasswordGate.WriteFormAsync(http, link.Code, StatusCodes.Status200OK, message: null);
        }

        Redirect(http, link, StatusOf(link), CacheControl(link, options, now));
        return Task.CompletedTask;
    }

    public static void Redirect(HttpContext http, Link link, int status, string cacheControl)
    {
        var response = http.Response;
        response.StatusCode = status;
        response.Headers.Location = link.ForwardQuery
            ? QueryForwarding.Merge(link.TargetUrl, http.Request.QueryString.Value)
            : link.TargetUrl;
        response.Headers.CacheControl = cacheControl;
    }

    /// <summary>The link's own status when it is a redirect status Hop supports, else 302.</summary>
    public static int StatusOf(Link link) => link.RedirectStatus switch
    {
        StatusCodes.Status301MovedPermanently or StatusCodes.Status307TemporaryRedirect
            or StatusCodes.Status308PermanentRedirect => link.RedirectStatus,
        _ => StatusCodes.Status302Found,
    };

    /// <summary>
    /// Permanent redirects may be cached publicly, but never past the link's expiry. Links whose visits
    /// are limited or that are password-protected are never cached, so every visit reaches Hop.
    /// </summary>
    public static string CacheControl(Link link, RedirectOptions options, DateTime now)
    {
        if (StatusOf(link) is not (StatusCodes.Status301MovedPermanently or StatusCodes.Status308PermanentRedirect)
            || link.MaxVisits is not null || link.PasswordHash is not null)
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
