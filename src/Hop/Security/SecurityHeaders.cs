using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Hop.Security;

/// <summary>
/// The one source of the security headers. Every response except a redirect carries them (from
/// <see cref="SecurityServices.UseSecurityHeaders"/>, from the pages the redirect path writes itself, and
/// from every ProblemDetails, whose writer starts from cleared headers after an exception). A redirect
/// has no body to sniff, frame or script, so it carries only HSTS: a Referrer-Policy there would replace
/// the linking page's own policy for the hop to the target (the Fetch standard applies a redirect's
/// policy to the request that follows it), either loosening a stricter one or cutting the origin the
/// target's owner counts on.
/// </summary>
internal sealed class SecurityHeaders
{
    /// <summary>Pages load only their own stylesheet and scripts, post only to Hop, and nothing may frame
    /// them. No inline script or style runs: the only scripts are Hop's own files (progressive
    /// enhancements: copy buttons, the live chart's event stream), which connect only to Hop.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    private readonly StringValues _hsts;

    public SecurityHeaders(IOptions<SecurityOptions> options)
    {
        var security = options.Value;
        var seconds = (long)security.HstsMaxAge.TotalSeconds;
        _hsts = seconds <= 0 ? StringValues.Empty
            : string.Create(CultureInfo.InvariantCulture, $"max-age={seconds}{(security.HstsIncludeSubdomains ? "; includeSubDomains" : "")}");
    }

    /// <summary>Every header, for anything but a redirect.</summary>
    public void Apply(HttpContext http)
    {
        ApplyBodyHeaders(http.Response.Headers);
        ApplyTransportSecurity(http);
    }

    /// <summary>The headers about a response's body; the pages of the redirect path set these themselves,
    /// since that path gets HSTS from <see cref="ApplyTransportSecurity"/> before it writes anything.</summary>
    public static void ApplyBodyHeaders(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = ReferrerPolicy;
    }

    /// <summary>HSTS, only on an answer over HTTPS (directly, or as a trusted proxy's X-Forwarded-Proto
    /// says): over plain HTTP a browser ignores it, and a man in the middle could forge it anyway.</summary>
    public void ApplyTransportSecurity(HttpContext http)
    {
        if (_hsts.Count != 0 && http.Request.IsHttps)
        {
            http.Response.Headers.StrictTransportSecurity = _hsts;
        }
    }

    /// <summary>
    /// The API reference (<c>/docs</c>) runs a script page that the package writes with inline module
    /// scripts: they run by a nonce made for this response alone, never by 'unsafe-inline'. Its stylesheet
    /// is injected by the script, so styles may be inline there; nothing else changes.
    /// </summary>
    public static string ApplyScriptNonce(HttpContext http)
    {
        var nonce = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        http.Response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "font-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        return nonce;
    }

    /// <summary>The headers from the app's one instance, for code that has no injection of its own.</summary>
    public static void ApplyTo(HttpContext http) => http.RequestServices.GetRequiredService<SecurityHeaders>().Apply(http);
}
