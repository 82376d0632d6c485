using Hop.Links;
using Hop.Redirects;
using Hop.Safety.Blocklist;
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
        RedirectOutcome.Expired => WriteMessageAsync(http, StatusCodes.Status410Gone, "Link gone", "This link has expired."),
        RedirectOutcome.Disabled => WriteDisabledAsync(http),
        _ => WriteMessageAsync(http, StatusCodes.Status410Gone, "Link gone", "This link has been deleted."),
    };

    /// <summary>Says when the link was disabled because its target's site is on the blocklist (a read off the hot path: the link is gone).</summary>
    private static async Task WriteDisabledAsync(HttpContext http)
    {
        var code = http.Request.RouteValues["code"] as string ?? "";
        var link = await http.RequestServices.GetRequiredService<LinkStore>().FindPublicAsync(code, http.RequestAborted);
        await WriteMessageAsync(http, StatusCodes.Status410Gone, "Link gone", link?.DisabledReason == BlocklistLinks.DisabledReason
            ? "This link has been disabled: the target's site is blocked by the administrators."
            : "This link has been disabled.");
    }

    /// <summary>A short message page, or ProblemDetails for a client that asks for JSON.</summary>
    public static Task WriteMessageAsync(HttpContext http, int status, string title, string detail)
    {
        if (http.Request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.StatusCode = status;
            http.Response.Headers.CacheControl = "no-store";
            return Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(http);
        }

        return PageShell.WriteAsync(http, status, title,
            $"<h1>{PageShell.Encode(title)}</h1>\n<p>{PageShell.Encode(detail)}</p>");
    }

    /// <summary><c>/{code}+</c>: the target, title, creation time and state, without going there.</summary>
    public static async Task WriteInfoAsync(HttpContext http, string code)
    {
        var link = ShortCode.IsWellFormed(code)
            ? await http.RequestServices.GetRequiredService<LinkStore>().FindPublicAsync(code, http.RequestAborted)
            : null;
        if (link is null)
        {
            await WriteUnavailableAsync(http, RedirectOutcome.NotFound);
            return;
        }

        var state = link.StateAt(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var open = link.PasswordHash is null;
        var body = $"""
            <h1>Where this link leads</h1>
            <dl>
              <dt>Short code</dt><dd><code>{PageShell.Encode(link.Code)}</code></dd>
              <dt>Target</dt><dd>{(open ? $"<code>{PageShell.Encode(link.TargetUrl)}</code>" : "hidden: the link is password-protected")}</dd>
              {(link.Title is null ? "" : $"<dt>Title</dt><dd>{PageShell.Encode(link.Title)}</dd>")}
              <dt>Created</dt><dd>{link.CreatedAt:yyyy-MM-dd HH:mm} UTC</dd>
              <dt>State</dt><dd>{state.ToString().ToLowerInvariant()}</dd>
            </dl>
            {(state == LinkState.Active && open ? $"<p><a class=\"button\" rel=\"nofollow noopener noreferrer\" href=\"{PageShell.Encode(link.TargetUrl)}\">Continue to the target</a></p>" : "")}
            """;
        await PageShell.WriteAsync(http, StatusCodes.Status200OK, "Link preview", body);
    }

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
