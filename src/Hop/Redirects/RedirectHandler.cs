using Hop.Clicks;
using Hop.Data;
using Hop.Links;
using Hop.Observability;
using Hop.Pages.Redirects;
using Microsoft.Extensions.Options;

namespace Hop.Redirects;

/// <summary>
/// <c>GET /{code}</c>, the hot path: the link from <see cref="LinkCache"/>, its outcome from
/// <see cref="Decide"/>, then a redirect and a click offered to <see cref="ClickRecorder"/>, or a
/// page from <see cref="VisitorPages"/>. <c>GET /{code}+</c> shows where a link leads instead.
/// </summary>
internal sealed class RedirectHandler(
    LinkCache links, TimeProvider time, HopMetrics metrics, ClickRecorder clicks, IOptions<RedirectOptions> options)
{
    private readonly RedirectOptions _options = options.Value;

    public Task HandleAsync(HttpContext http)
    {
        var code = http.Request.RouteValues["code"] as string ?? "";
        if (code.EndsWith('+'))
        {
            return VisitorPages.WriteInfoAsync(http, code[..^1]);
        }

        if (!ShortCode.IsWellFormed(code))
        {
            return RespondAsync(http, null);
        }

        var pending = links.GetOrLoadAsync(code, http.RequestAborted);
        return pending.IsCompletedSuccessfully ? RespondAsync(http, pending.Result) : AwaitThenRespondAsync(http, pending);
    }

    private async Task AwaitThenRespondAsync(HttpContext http, ValueTask<CachedLink?> pending) =>
        await RespondAsync(http, await pending);

    /// <summary>What the link's state alone decides; a visit limit can still turn a redirect into
    /// <see cref="RedirectOutcome.Expired"/> once it is counted.</summary>
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
            await VisitorPages.WritePasswordFormAsync(http, (string)http.Request.RouteValues["code"]!, StatusCodes.Status200OK, message: null);
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
        metrics.Redirect(outcome == RedirectOutcome.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone);
        return VisitorPages.WriteUnavailableAsync(http, outcome);
    }
}
