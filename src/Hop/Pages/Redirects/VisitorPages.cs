using System.Diagnostics;
using System.Globalization;
using Hop.Links;
using Hop.Links.Routing;
using Hop.Pages.Public;
using Hop.Redirects;
using Hop.Safety.Blocklist;
using Hop.Safety.Targets;

namespace Hop.Pages.Redirects;

/// <summary>
/// What a visitor of a short link sees instead of a redirect: why the link does not lead anywhere,
/// where it leads (<c>/{code}+</c>), and the password form of a protected link.
/// </summary>
internal static class VisitorPages
{
    public const string PasswordField = "password";

    private const string NotFoundTitle = "Link not found";
    private const string NotFoundDetail = "There is no link with this address.";

    /// <summary>404 for an unknown code, 410 for a link that no longer leads anywhere.</summary>
    public static Task WriteUnavailableAsync(HttpContext http, RedirectOutcome outcome) => outcome switch
    {
        RedirectOutcome.NotFound => WriteMessageAsync(http, StatusCodes.Status404NotFound, NotFoundTitle, NotFoundDetail),
        RedirectOutcome.Expired => WriteGoneAsync(http, "This link has expired."),
        RedirectOutcome.Disabled => WriteDisabledAsync(http),
        _ => WriteGoneAsync(http, "This link has been deleted."),
    };

    /// <summary>The 410 page, which offers to report the link: a link can be gone and still have been abused.</summary>
    public static Task WriteGoneAsync(HttpContext http, string detail) =>
        WriteMessageAsync(http, StatusCodes.Status410Gone, "Link gone", detail,
            http.Request.RouteValues["code"] is string code && ShortCode.IsWellFormed(code) ? code : null);

    /// <summary>Says when the link was disabled because its target's site is on the blocklist (a read off the hot path: the link is gone).</summary>
    private static async Task WriteDisabledAsync(HttpContext http)
    {
        var code = http.Request.RouteValues["code"] as string ?? "";
        var link = await http.RequestServices.GetRequiredService<LinkStore>().FindPublicAsync(http.Request, code, http.RequestAborted);
        await WriteGoneAsync(http, link?.DisabledReason == BlocklistLinks.DisabledReason
            ? "This link has been disabled: the target's site is blocked by the administrators."
            : "This link has been disabled.");
    }

    /// <summary>A short message page (<see cref="MessagePage"/>), or ProblemDetails for a client that asks for JSON.</summary>
    public static Task WriteMessageAsync(HttpContext http, int status, string title, string detail, string? reportCode = null, long startedAt = 0)
    {
        if (http.Request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.StatusCode = status;
            http.Response.Headers.CacheControl = "no-store";
            return Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(http);
        }

        return PublicPages.WriteMessageAsync(http, status, title, detail, reportCode, startedAt);
    }

    /// <summary><c>/{code}+</c>: the target, title, creation time and state, without going there (<see cref="LinkInfoPage"/>).</summary>
    public static async Task WriteInfoAsync(HttpContext http, string code)
    {
        var started = Stopwatch.GetTimestamp();
        var link = ShortCode.IsWellFormed(code)
            ? await http.RequestServices.GetRequiredService<LinkStore>().FindPublicAsync(http.Request, code, http.RequestAborted)
            : null;
        if (link is null)
        {
            await WriteMessageAsync(http, StatusCodes.Status404NotFound, NotFoundTitle, NotFoundDetail, startedAt: started);
            return;
        }

        var state = link.StateAt(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var open = link.PasswordHash is null;
        await PublicPages.RenderAsync<LinkInfoPage>(http, StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(LinkInfoPage.Code)] = link.Code,
            [nameof(LinkInfoPage.Target)] = open ? link.TargetUrl : null,
            [nameof(LinkInfoPage.Host)] = open && link.TargetHost.Length > 0 ? link.TargetHost : null,
            [nameof(LinkInfoPage.UnicodeHost)] = open ? UnicodeOf(link.TargetHost) : null,
            [nameof(LinkInfoPage.LinkTitle)] = link.Title,
            [nameof(LinkInfoPage.Warning)] = link.Warning,
            [nameof(LinkInfoPage.Routing)] = link.Rules is null && link.Variants is null ? null : Routing(link),
            [nameof(LinkInfoPage.Created)] = link.CreatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            [nameof(LinkInfoPage.State)] = state.ToString().ToLowerInvariant(),
            [nameof(LinkInfoPage.ContinueUrl)] = state == LinkState.Active && open ? link.TargetUrl : null,
        }, started);
    }

    /// <summary>
    /// The "you are leaving for …" page (<see cref="InterstitialPage"/>) a link with a warning answers
    /// instead of redirecting. Never cached, never indexed.
    /// </summary>
    public static Task WriteInterstitialAsync(HttpContext http, string code, string target, string warning)
    {
        var host = Uri.TryCreate(target, UriKind.Absolute, out var uri) ? uri.IdnHost : target;
        http.Response.Headers["X-Robots-Tag"] = "noindex";
        return PublicPages.RenderAsync<InterstitialPage>(http, StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(InterstitialPage.Code)] = code,
            [nameof(InterstitialPage.Target)] = target,
            [nameof(InterstitialPage.Host)] = host,
            [nameof(InterstitialPage.UnicodeHost)] = UnicodeOf(host),
            [nameof(InterstitialPage.Warning)] = warning,
        });
    }

    /// <summary>
    /// What a link unfurler (Slackbot, Twitterbot, facebookexternalhit, …) gets for a link with a preview
    /// (<see cref="PreviewPage"/>). Kept briefly by caches, never shared: the same address redirects everyone else.
    /// </summary>
    public static Task WritePreviewAsync(HttpContext http, LinkPreview preview, string target)
    {
        http.Response.Headers.Vary = "User-Agent";
        return PublicPages.RenderAsync<PreviewPage>(http, StatusCodes.Status200OK, new Dictionary<string, object?>
        {
            [nameof(PreviewPage.Title)] = preview.Title,
            [nameof(PreviewPage.Description)] = preview.Description,
            [nameof(PreviewPage.Image)] = preview.Image,
            [nameof(PreviewPage.Target)] = target,
        }, cacheControl: "private, max-age=300", forPerson: false);
    }

    /// <summary>The Unicode form of an IDN host, or null when it is plain ASCII or not a valid IDN.</summary>
    internal static string? UnicodeOf(string host)
    {
        var unicode = IdnaMapping.ToUnicode(host);
        return string.Equals(unicode, host, StringComparison.OrdinalIgnoreCase) ? null : unicode;
    }

    /// <summary>That the target depends on the visitor, without the rules' targets: a password hides those too.</summary>
    private static string Routing(Link link) =>
        string.Join("; ", new[]
        {
            link.Rules is { Count: var rules } ? $"{rules} redirect rule{(rules == 1 ? "" : "s")} may send visitors elsewhere" : null,
            link.Variants is { Count: var variants } ? $"visitors are split between {variants} targets" : null,
        }.Where(t => t is not null));

    /// <summary>The form a password-protected link answers (<see cref="PasswordPage"/>); it posts back to <c>/{code}</c> with the query kept.</summary>
    public static Task WritePasswordFormAsync(HttpContext http, string code, int status, string? message) =>
        PublicPages.RenderAsync<PasswordPage>(http, status, new Dictionary<string, object?>
        {
            [nameof(PasswordPage.Action)] = $"{http.Request.PathBase}/{code}{http.Request.QueryString}",
            [nameof(PasswordPage.Message)] = message,
        });
}
