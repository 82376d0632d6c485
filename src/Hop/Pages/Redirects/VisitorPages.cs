using Hop.Links;
using Hop.Links.Routing;
using Hop.Redirects;
using Hop.Safety.Targets;
using Hop.Safety.Blocklist;
using Hop.Security;
using Microsoft.AspNetCore.Antiforgery;

namespace Hop.Pages.Redirects;

/// <summary>
/// What a visitor of a short link sees instead of a redirect: why the link does not lead anywhere,
/// where it leads (<c>/{code}+</c>), and the password form of a protected link.
/// </summary>
internal static class VisitorPages
{
    public const string PasswordField = "password";

    /// <summary>404 for an unknown code, 410 for a link that no longer leads anywhere.</summary>
    public static Task WriteUnavailableAsync(HttpContext http, RedirectOutcome outcome) => outcome switch
    {
        RedirectOutcome.NotFound => WriteMessageAsync(http, StatusCodes.Status404NotFound, "Link not found", "There is no link with this address."),
        RedirectOutcome.Expired => WriteGoneAsync(http, "This link has expired."),
        RedirectOutcome.Disabled => WriteDisabledAsync(http),
        _ => WriteGoneAsync(http, "This link has been deleted."),
    };

    /// <summary>The 410 page, which offers to report the link: a link can be gone and still have been abused.</summary>
    public static Task WriteGoneAsync(HttpContext http, string detail) =>
        WriteMessageAsync(http, StatusCodes.Status410Gone, "Link gone", detail,
            http.Request.RouteValues["code"] is string code && ShortCode.IsWellFormed(code) ? ReportLink(code) : "");

    /// <summary>Says when the link was disabled because its target's site is on the blocklist (a read off the hot path: the link is gone).</summary>
    private static async Task WriteDisabledAsync(HttpContext http)
    {
        var code = http.Request.RouteValues["code"] as string ?? "";
        var link = await http.RequestServices.GetRequiredService<LinkStore>().FindPublicAsync(http.Request, code, http.RequestAborted);
        await WriteGoneAsync(http, link?.DisabledReason == BlocklistLinks.DisabledReason
            ? "This link has been disabled: the target's site is blocked by the administrators."
            : "This link has been disabled.");
    }

    /// <summary>A short message page, or ProblemDetails for a client that asks for JSON.</summary>
    public static Task WriteMessageAsync(HttpContext http, int status, string title, string detail, string more = "")
    {
        if (http.Request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.StatusCode = status;
            http.Response.Headers.CacheControl = "no-store";
            return Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(http);
        }

        return PageShell.WriteAsync(http, status, title,
            $"<h1>{PageShell.Encode(title)}</h1>\n<p>{PageShell.Encode(detail)}</p>\n{more}");
    }

    /// <summary><c>/{code}+</c>: the target, title, creation time and state, without going there.</summary>
    public static async Task WriteInfoAsync(HttpContext http, string code)
    {
        var link = ShortCode.IsWellFormed(code)
            ? await http.RequestServices.GetRequiredService<LinkStore>().FindPublicAsync(http.Request, code, http.RequestAborted)
            : null;
        if (link is null)
        {
            await WriteUnavailableAsync(http, RedirectOutcome.NotFound);
            return;
        }

        var state = link.StateAt(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var open = link.PasswordHash is null;
        var host = UnicodeOf(link.TargetHost) is { } unicodeHost
            ? $"<code>{PageShell.Encode(link.TargetHost)}</code> (written <code>{PageShell.Encode(unicodeHost)}</code>)"
            : $"<code>{PageShell.Encode(link.TargetHost)}</code>";
        var body = $"""
            <h1>Where this link leads</h1>
            <dl>
              <dt>Short code</dt><dd><code>{PageShell.Encode(link.Code)}</code></dd>
              <dt>Target</dt><dd>{(open ? $"<code>{PageShell.Encode(link.TargetUrl)}</code>" : "hidden: the link is password-protected")}</dd>
              {(open && link.TargetHost.Length > 0 ? $"<dt>Host</dt><dd>{host}</dd>" : "")}
              {(link.Title is null ? "" : $"<dt>Title</dt><dd>{PageShell.Encode(link.Title)}</dd>")}
              {(link.Warning is null ? "" : $"<dt>Warning</dt><dd>{PageShell.Encode(link.Warning)}</dd>")}
              {(link.Rules is null && link.Variants is null ? "" : $"<dt>Routing</dt><dd>{Routing(link)}</dd>")}
              <dt>Created</dt><dd>{link.CreatedAt:yyyy-MM-dd HH:mm} UTC</dd>
              <dt>State</dt><dd>{state.ToString().ToLowerInvariant()}</dd>
            </dl>
            {(state == LinkState.Active && open ? $"<p><a class=\"button\" rel=\"nofollow noopener noreferrer\" href=\"{PageShell.Encode(link.TargetUrl)}\">Continue to the target</a></p>" : "")}
            {ReportLink(link.Code)}
            """;
        await PageShell.WriteAsync(http, StatusCodes.Status200OK, "Link preview", body);
    }

    /// <summary>
    /// The "you are leaving for …" page a link with a warning answers instead of redirecting: the real
    /// host first (its punycode, and the Unicode form when that differs, so a look-alike shows itself),
    /// the whole target, why Hop warns, a way on and a way to report it. Never cached, never indexed.
    /// </summary>
    public static Task WriteInterstitialAsync(HttpContext http, string code, string target, string warning)
    {
        var host = Uri.TryCreate(target, UriKind.Absolute, out var uri) ? uri.IdnHost : target;
        var unicode = UnicodeOf(host);
        http.Response.Headers["X-Robots-Tag"] = "noindex";
        var shown = unicode is null ? "" : $"""
              <dt>Shown as</dt><dd><code>{PageShell.Encode(unicode)}</code> <span class="hint">(an international name: check that every letter is the one you expect)</span></dd>
            """;
        var body = $"""
            <h1>You are leaving for <span class="host-name">{PageShell.Encode(host)}</span></h1>
            <p class="warning"><strong>Hop warns you:</strong> {PageShell.Encode(warning)}.</p>
            <dl>
              <dt>Host</dt><dd><code>{PageShell.Encode(host)}</code></dd>
            {shown}
              <dt>Full address</dt><dd><code>{PageShell.Encode(target)}</code></dd>
            </dl>
            <p>Go on only if you trust this site. Never enter a password or payment details on a site you reached from a link you did not expect.</p>
            <p><a class="button" rel="noreferrer noopener nofollow" href="{PageShell.Encode(target)}">Continue to {PageShell.Encode(host)}</a></p>
            {ReportLink(code)}
            """;
        return PageShell.WriteAsync(http, StatusCodes.Status200OK, "You are leaving Hop", body);
    }

    /// <summary>
    /// What a link unfurler (Slackbot, Twitterbot, facebookexternalhit, …) gets for a link with a preview:
    /// Open Graph and Twitter card tags, every value HTML-encoded, and a plain link for anyone else. Kept
    /// briefly by caches, never shared: the same address redirects everyone else.
    /// </summary>
    public static Task WritePreviewAsync(HttpContext http, LinkPreview preview, string target)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "private, max-age=300";
        response.Headers.Vary = "User-Agent";
        SecurityHeaders.ApplyBodyHeaders(response.Headers);
        if (HttpMethods.IsHead(http.Request.Method))
        {
            return Task.CompletedTask;
        }

        var title = PageShell.Encode(preview.Title ?? preview.Description ?? target);
        var meta = new System.Text.StringBuilder();
        void Tag(string attribute, string name, string? value)
        {
            if (value is not null)
            {
                meta.Append("<meta ").Append(attribute).Append("=\"").Append(name).Append("\" content=\"").Append(PageShell.Encode(value)).Append("\">\n");
            }
        }

        Tag("property", "og:type", "website");
        Tag("property", "og:title", preview.Title);
        Tag("property", "og:description", preview.Description);
        Tag("property", "og:image", preview.Image);
        Tag("property", "og:url", target);
        Tag("name", "twitter:card", preview.Image is null ? "summary" : "summary_large_image");
        Tag("name", "twitter:title", preview.Title);
        Tag("name", "twitter:description", preview.Description);
        Tag("name", "twitter:image", preview.Image);
        return response.WriteAsync($$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{{title}}</title>
            {{meta}}</head>
            <body>
            <h1>{{title}}</h1>
            {{(preview.Description is null ? "" : $"<p>{PageShell.Encode(preview.Description)}</p>")}}
            <p><a href="{{PageShell.Encode(target)}}">{{PageShell.Encode(target)}}</a></p>
            </body>
            </html>
            """);
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

    private static string ReportLink(string code) =>
        $"<p class=\"hint\"><a href=\"/report?code={Uri.EscapeDataString(code)}\">Report this link</a> if it leads somewhere harmful.</p>";

    /// <summary>The form a password-protected link answers; it posts back to <c>/{code}</c> with the query kept.</summary>
    public static Task WritePasswordFormAsync(HttpContext http, string code, int status, string? message)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var action = $"{http.Request.PathBase}/{code}{http.Request.QueryString}";
        var alert = message is null ? "" : $"<p role=\"alert\"><strong>{PageShell.Encode(message)}</strong></p>";
        var body = $"""
            <h1>This link is password-protected</h1>
            {alert}
            <form method="post" action="{PageShell.Encode(action)}">
              <input type="hidden" name="{PageShell.Encode(tokens.FormFieldName)}" value="{PageShell.Encode(tokens.RequestToken ?? "")}">
              <p><label for="password">Password</label>
                 <input id="password" type="password" name="{PasswordField}" autocomplete="current-password" required autofocus></p>
              <p><button type="submit">Continue</button></p>
            </form>
            """;
        return PageShell.WriteAsync(http, status, "Password required", body);
    }
}
