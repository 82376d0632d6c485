using Hop.Accounts;
using Hop.Clicks;
using Hop.Links;
using Hop.Pages.Redirects;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Hop.Redirects;

/// <summary>
/// Password-protected links: <c>GET /{code}</c> shows a form, <c>POST /{code}</c> checks the password and
/// redirects. Attempts are limited per client IP and link.
/// </summary>
internal static partial class PasswordGate
{
    public static void AddPasswordGate(this WebApplicationBuilder builder)
    {
        builder.Services.AddAntiforgery();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy<string, PasswordAttemptsPolicy>(PasswordAttemptsPolicy.Name);
        });
    }

    public static void MapPasswordGate(this WebApplication app)
    {
        app.MapPost("/{code}", UnlockAsync)
            .WithTags("Redirects")
            .WithSummary("Unlock a password-protected link")
            .RequireRateLimiting(PasswordAttemptsPolicy.Name)
            .ExcludeFromDescription();
    }

    /// <summary>
    /// Answers the right password with 303 See Other whatever the link's own status: a 307/308 would make
    /// the browser send the password on to the target.
    /// </summary>
    private static async Task UnlockAsync(
        string code,
        [FromForm(Name = VisitorPages.PasswordField)] string? password,
        HttpContext http,
        LinkStore links,
        PasswordHashing hashing,
        TimeProvider time,
        IOptions<RedirectOptions> options,
        ClickRecorder clicks,
        RedirectHandler redirects,
        ILoggerFactory loggers)
    {
        var link = ShortCode.IsWellFormed(code) ? await links.FindPublicAsync(http.Request, code, http.RequestAborted) : null;
        if (link is null)
        {
            await VisitorPages.WriteUnavailableAsync(http, RedirectOutcome.NotFound);
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var state = link.StateAt(now);
        if (state != LinkState.Active)
        {
            await VisitorPages.WriteGoneAsync(http, $"This link is {state.ToString().ToLowerInvariant()}.");
            return;
        }

        if (link.PasswordHash is null && link.Warning is not null)
        {
            await redirects.ShowInterstitialAsync(http, CachedLink.From(link));
            return;
        }

        if (link.PasswordHash is null)
        {
            LinkRedirect.Redirect(http, CachedLink.From(link), StatusCodes.Status303SeeOther, LinkRedirect.CacheControl(CachedLink.From(link), options.Value, now));
            return;
        }

        if (password is null || !hashing.Verify(link.PasswordHash, password, out _))
        {
            WrongPassword(loggers.CreateLogger(typeof(PasswordGate)), code);
            await VisitorPages.WritePasswordFormAsync(http, code, StatusCodes.Status401Unauthorized, "That password is not right. Try again.");
            return;
        }

        // A link with a warning shows the interstitial once the password is right: the password proves
        // the visitor was meant to have the link, not that its target is safe.
        if (link.Warning is not null)
        {
            await redirects.ShowInterstitialAsync(http, CachedLink.From(link));
            return;
        }

        var cached = CachedLink.From(link);
        var route = await redirects.ChooseAsync(http, cached);
        LinkRedirect.Redirect(http, cached, route.Url, StatusCodes.Status303SeeOther, "no-store");
        clicks.Record(http, link.Id, route.Route);
    }

    [LoggerMessage(EventId = 610, Level = LogLevel.Information, Message = "Wrong password for link {Code}")]
    private static partial void WrongPassword(ILogger logger, string code);
}
