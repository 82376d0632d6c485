using System.Text.Encodings.Web;
using Hop.Clicks;
using Hop.Data;
using Hop.Links;
using Hop.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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
        builder.Services.AddOptions<CacheOptions>()
            .BindConfiguration(CacheOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<LinkCache>();
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.ISaveChangesInterceptor, LinkCacheInvalidation>();
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
            .WithMetadata(RedirectRoute.Instance)
            .ExcludeFromDescription();
        app.MapPasswordGate();
    }

    /// <summary>
    /// Answers requests that routing matched to <c>/{code}</c> at once. Redirects are public, so
    /// authentication, antiforgery, rate limiting and the rest of the pipeline stay off the hot path;
    /// routing has already run, so per-route metrics still see the route.
    /// </summary>
    public static void UseRedirectFastPath(this WebApplication app)
    {
        var handler = app.Services.GetRequiredService<RedirectHandler>();
        app.Use((http, next) => http.GetEndpoint()?.Metadata.GetMetadata<RedirectRoute>() is not null
            ? handler.HandleAsync(http)
            : next(http));
    }

    /// <summary>Marks the redirect endpoint for <see cref="UseRedirectFastPath"/>.</summary>
    private sealed class RedirectRoute
    {
        public static readonly RedirectRoute Instance = new();
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

internal sealed class RedirectHandler(
    LinkResolver links, TimeProvider time, HopMetrics metrics, ClickRecorder clicks, IOptions<RedirectOptions> options)
{
    private readonly RedirectOptions _options = options.Value;

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
        var now = time.GetUtcNow().UtcDateTime;
        var outcome = Decide(link, now);
        if (outcome != RedirectOutcome.Redirect)
        {
            return RespondGoneAsync(http, outcome);
        }

        // Links with a visit limit or a password leave the fast path: neither is common, both need more
        // than the cache can answer.
        if (link!.MaxVisits is not null || link.HasPassword)
        {
            return RespondSpecialAsync(http, link, now);
        }

        Redirect(http, link, now);
        return Task.CompletedTask;
    }

    private void Redirect(HttpContext http, CachedLink link, DateTime now)
    {
        var status = LinkRedirect.StatusOf(link);
        LinkRedirect.Redirect(http, link, status, LinkRedirect.CacheControl(link, _options, now));
        metrics.Redirect(status);
        clicks.Record(http, link.Id);
    }

    private async Task RespondSpecialAsync(HttpContext http, CachedLink link, DateTime now)
    {
        if (link.HasPassword)
        {
            metrics.Redirect(StatusCodes.Status200OK);
            await PasswordGate.WriteFormAsync(http, (string)http.Request.RouteValues["code"]!, StatusCodes.Status200OK, message: null);
            return;
        }

        // The exact path: one atomic conditional increment in the database, so the limit is never overshot.
        var db = http.RequestServices.GetRequiredService<HopDbContext>();
        if (!await VisitLimit.TryCountAsync(db, link.Id, http.RequestAborted))
        {
            await RespondGoneAsync(http, RedirectOutcome.Expired);
            return;
        }

        Redirect(http, link, now);
    }

    private Task RespondGoneAsync(HttpContext http, RedirectOutcome outcome)
    {
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
              <dt>Target</dt><dd>{(link.PasswordHash is null ? $"<code>{Encode(link.TargetUrl)}</code>" : "hidden: the link is password-protected")}</dd>
              {(link.Title is null ? "" : $"<dt>Title</dt><dd>{Encode(link.Title)}</dd>")}
              <dt>Created</dt><dd>{link.CreatedAt:yyyy-MM-dd HH:mm} UTC</dd>
              <dt>State</dt><dd>{state.ToString().ToLowerInvariant()}</dd>
            </dl>
            {(state == LinkState.Active && link.PasswordHash is null ? $"<p><a rel=\"nofollow noopener\" href=\"{Encode(link.TargetUrl)}\">Continue to the target</a></p>" : "")}
            """;
        await WriteHtmlAsync(http, "Link preview", body);
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
