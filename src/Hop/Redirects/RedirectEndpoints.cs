using System.Text.Encodings.Web;
using Hop.Data;
using Hop.Links;
using Hop.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace Hop.Redirects;

/// <summary>The hot path: <c>GET /{code}</c> redirects, <c>GET /{code}+</c> shows where it leads.</summary>
internal static class RedirectEndpoints
{
    public static void AddRedirects(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CacheOptions>()
            .BindConfiguration(CacheOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<LinkCache>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LinkCache>());
        builder.Services.AddSingleton(LinkReader.Create);
        builder.Services.AddSingleton<LinkResolver>();
        builder.Services.AddSingleton<RedirectHandler>();
    }

    public static void MapRedirects(this WebApplication app)
    {
        // A plain RequestDelegate bound once: no parameter binding and no request scope on the hot path.
        var handler = app.Services.GetRequiredService<RedirectHandler>();
        app.MapMethods("/{code}", [HttpMethods.Get, HttpMethods.Head], handler.HandleAsync)
            .WithTags("Redirects")
            .WithSummary("Follow a short link (append '+' to see where it leads instead)")
            .ExcludeFromDescription();
    }
}

/// <summary>What a visitor gets for a code; decided in <see cref="RedirectHandler.Decide"/> only.</summary>
internal enum RedirectOutcome
{
    Redirect,
    NotFound,
    Expired,
    Disabled,
    Deleted,
}

internal sealed class RedirectHandler(LinkResolver links, TimeProvider time, HopMetrics metrics)
{
    private static readonly StringValues RedirectCacheControl = "private, max-age=0";

    public Task HandleAsync(HttpContext http)
    {
        var code = http.Request.RouteValues["code"] as string ?? "";
        if (code.EndsWith('+'))
        {
            return RedirectPages.WriteInfoAsync(http, code[..^1], time);
        }

        if (!ShortCode.IsWellFormed(code))
        {
            return RespondAsync(http, null);
        }

        var pending = links.ResolveAsync(code, http.RequestAborted);
        return pending.IsCompletedSuccessfully ? RespondAsync(http, pending.Result) : AwaitThenRespondAsync(http, pending);
    }

    private async Task AwaitThenRespondAsync(HttpContext http, ValueTask<CachedLink?> pending) =>
        await RespondAsync(http, await pending);

    /// <summary>
    /// The one place that turns a link into an outcome. Per-link behaviours (password, visit limit,
    /// forwarded query) belong here, before the generic checks.
    /// </summary>
    internal static RedirectOutcome Decide(CachedLink? link, DateTime now) =>
        link is null ? RedirectOutcome.NotFound
        : link.StateAt(now) switch
        {
            LinkState.Active => RedirectOutcome.Redirect,
            LinkState.Expired => RedirectOutcome.Expired,
            LinkState.Disabled => RedirectOutcome.Disabled,
            _ => RedirectOutcome.Deleted,
        };

    private Task RespondAsync(HttpContext http, CachedLink? link)
    {
        var outcome = Decide(link, time.GetUtcNow().UtcDateTime);
        if (outcome == RedirectOutcome.Redirect)
        {
            var response = http.Response;
            response.StatusCode = link!.Status;
            response.Headers.Location = link.Target;
            response.Headers.CacheControl = RedirectCacheControl;
            metrics.Redirect(link.Status);
            // Clicks: the click event is enqueued here, without awaiting.
            return Task.CompletedTask;
        }

        var status = outcome == RedirectOutcome.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;
        metrics.Redirect(status);
        return outcome switch
        {
            RedirectOutcome.NotFound => RedirectPages.WriteAsync(http, status, "Link not found", "There is no link with this address."),
            RedirectOutcome.Expired => RedirectPages.WriteAsync(http, status, "Link gone", "This link has expired."),
            RedirectOutcome.Disabled => RedirectPages.WriteAsync(http, status, "Link gone", "This link has been disabled."),
            _ => RedirectPages.WriteAsync(http, status, "Link gone", "This link has been deleted."),
        };
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

    /// <summary>The info page reads the full link through EF: it is not on the hot path.</summary>
    public static async Task WriteInfoAsync(HttpContext http, string code, TimeProvider time)
    {
        Link? link = null;
        if (ShortCode.IsWellFormed(code))
        {
            var db = http.RequestServices.GetRequiredService<HopDbContext>();
            link = await db.Links.AsNoTracking().FirstOrDefaultAsync(l => l.Code == code, http.RequestAborted);
        }

        if (link is null)
        {
            await WriteAsync(http, StatusCodes.Status404NotFound, "Link not found", "There is no link with this address.");
            return;
        }

        var state = link.StateAt(time.GetUtcNow().UtcDateTime);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.Headers.CacheControl = "no-store";
        var body = $"""
            <h1>Where this link leads</h1>
            <dl>
              <dt>Short code</dt><dd><code>{Encode(link.Code)}</code></dd>
              <dt>Target</dt><dd><code>{Encode(link.TargetUrl)}</code></dd>
              {(link.Title is null ? "" : $"<dt>Title</dt><dd>{Encode(link.Title)}</dd>")}
              <dt>Created</dt><dd>{link.CreatedAt:yyyy-MM-dd HH:mm} UTC</dd>
              <dt>State</dt><dd>{state.ToString().ToLowerInvariant()}</dd>
            </dl>
            {(state == LinkState.Active ? $"<p><a rel=\"nofollow noopener\" href=\"{Encode(link.TargetUrl)}\">Continue to the target</a></p>" : "")}
            """;
        await WriteHtmlAsync(http, "Link preview", body);
    }

    private static async Task WriteHtmlAsync(HttpContext http, string title, string body)
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

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
