using System.Text.Encodings.Web;
using Hop.Clicks;
using Hop.Data;
using Hop.Links;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Hop.Redirects;

/// <summary>The hot path: <c>GET /{code}</c> redirects, <c>GET /{code}+</c> shows where it leads.</summary>
internal static class RedirectEndpoints
{
    public static void AddRedirects(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RedirectOptions>()
            .BindConfiguration(RedirectOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.AddPasswordGate();
    }

    public static void MapRedirects(this WebApplication app)
    {
        app.MapMethods("/{code}", [HttpMethods.Get, HttpMethods.Head], RedirectAsync)
            .WithTags("Redirects")
            .WithSummary("Follow a short link (append '+' to see where it leads instead)")
            .ExcludeFromDescription();
        app.MapPasswordGate();
    }

    private static async Task RedirectAsync(string code, HttpContext http, HopDbContext db, TimeProvider time,
        IOptions<RedirectOptions> options, ClickRecorder clicks)
    {
        var showInfo = code.EndsWith('+');
        var key = showInfo ? code[..^1] : code;
        Link? link = null;
        if (ShortCode.IsWellFormed(key))
        {
            link = await db.Links.AsNoTracking().FirstOrDefaultAsync(l => l.Code == key, http.RequestAborted);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (link is null)
        {
            await RedirectPages.WriteAsync(http, StatusCodes.Status404NotFound, "Link not found",
                "There is no link with this address.");
            return;
        }

        var state = link.StateAt(now);
        if (showInfo)
        {
            await RedirectPages.WriteInfoAsync(http, link, state);
            return;
        }

        if (state == LinkState.Active && link.MaxVisits is not null
            && !await VisitLimit.TryCountAsync(db, link.Id, http.RequestAborted))
        {
            state = LinkState.Expired;
        }

        if (state != LinkState.Active)
        {
            await RedirectPages.WriteAsync(http, StatusCodes.Status410Gone, "Link gone",
                state switch
                {
                    LinkState.Expired => "This link has expired.",
                    LinkState.Disabled => "This link has been disabled.",
                    _ => "This link has been deleted.",
                });
            return;
        }

        await LinkRedirect.AnswerAsync(http, link, options.Value, now);
        if (link.PasswordHash is null)
        {
            clicks.Record(http, link);
        }
    }
}

/// <summary>The small pages a visitor sees instead of a redirect.</summary>
internal static class RedirectPages
{
    public static Task WriteAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        http.Response.Headers.CacheControl = "no-store";
        if (WantsJson(http.Request))
        {
            return Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(http);
        }

        return WriteHtmlAsync(http, title, $"<h1>{Encode(title)}</h1><p>{Encode(detail)}</p>");
    }

    public static Task WriteInfoAsync(HttpContext http, Link link, LinkState state)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.Headers.CacheControl = "no-store";
        var body = $"""
            <h1>Where this link leads</h1>
            <dl>
              <dt>Short code</dt><dd><code>{Encode(link.Code)}</code></dd>
              <dt>Target</dt><dd>{(link.PasswordHash is null ? $"<code>{Encode(link.TargetUrl)}</code>" : "hidden: the link is password-protected")}</dd>
              {(link.Title is null ? "" : $"<dt>Title</dt><dd>{Encode(link.Title)}</dd>")}
              <dt>Created</dt><dd>{link.CreatedAt:yyyy-MM-dd HH:mm} UTC</dd>
              <dt>State</dt><dd>{state.ToString().ToLowerInvariant()}</dd>
            </dl>
            {(state == LinkState.Active && link.PasswordHash is null ? $"<p><a rel=\"nofollow noopener\" href=\"{Encode(link.TargetUrl)}\">Continue to the target</a></p>" : "")}
            """;
        return WriteHtmlAsync(http, "Link preview", body);
    }

    internal static async Task WriteHtmlAsync(HttpContext http, string title, string body)
    {
        http.Response.ContentType = "text/html; charset=utf-8";
        if (HttpMethods.IsHead(http.Request.Method))
        {
            return;
        }

        await http.Response.WriteAsync($"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
            <meta name="robots" content="noindex"><title>{Encode(title)} · Hop</title>
            <style>body{"{"}font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem{"}"}code{"{"}word-break:break-all{"}"}</style>
            </head><body>{body}</body></html>
            """);
    }

    private static bool WantsJson(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase);

    internal static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
