using Hop.Clicks;
using Hop.Data;
using Hop.Domains;
using Hop.Hosting;
using Hop.Links;
using Hop.Observability;
using Hop.Pages.Redirects;
using Hop.Redirects.Routing;
using Microsoft.Extensions.Options;

namespace Hop.Redirects;

/// <summary>
/// <c>GET /{code}</c>, the hot path: the domain from the Host header (<see cref="DomainTable"/>; an
/// unknown host is a 404), the link from <see cref="LinkCache"/>, its outcome from
/// <see cref="Decide"/>, then a redirect and a click offered to <see cref="ClickRecorder"/>, or a
/// page from <see cref="VisitorPages"/>. A link with rules, variants or a preview is routed by
/// <see cref="RouteChooser"/> from the cached link alone. <c>GET /{code}+</c> shows where a link leads instead.
/// </summary>
internal sealed class RedirectHandler(
    LinkCache links, DomainTable domains, TimeProvider time, HopMetrics metrics, ClickRecorder clicks, RouteChooser routes,
    LoadShedding shedding, IOptions<RedirectOptions> options)
{
    private readonly RedirectOptions _options = options.Value;

    public Task HandleAsync(HttpContext http)
    {
        if (!domains.TryFind(http.Request, out var domain))
        {
            // Never a redirect, and never a short URL, from a host that is not configured.
            return RespondGoneAsync(http, RedirectOutcome.NotFound);
        }

        var code = http.Request.RouteValues["code"] as string ?? "";
        if (code.EndsWith('+'))
        {
            return VisitorPages.WriteInfoAsync(http, code[..^1]);
        }

        if (!ShortCode.IsWellFormed(code))
        {
            return RespondAsync(http, domain, null);
        }

        var key = new LinkKey(domain.Id, code);
        if (links.TryGetFresh(key, out var cached))
        {
            return RespondAsync(http, domain, cached);
        }

        // A miss waits on Redis or the database: beyond the instance's limit it is shed at once.
        return shedding.TryEnter(LoadClass.RedirectMiss) ? LoadThenRespondAsync(http, domain, key) : shedding.RespondShedAsync(http);
    }

    /// <summary><c>GET /</c> on a domain: its root redirect, else Hop's own home on the default domain, else the 404 page.</summary>
    public Task HandleRootAsync(HttpContext http, RequestDelegate home)
    {
        if (!domains.TryFind(http.Request, out var domain))
        {
            return RespondGoneAsync(http, RedirectOutcome.NotFound);
        }

        if (domain.RootRedirect is { } root)
        {
            RedirectElsewhere(http, root);
            return Task.CompletedTask;
        }

        return domain.IsDefault ? home(http) : RespondGoneAsync(http, RedirectOutcome.NotFound);
    }

    private async Task LoadThenRespondAsync(HttpContext http, DomainEntry domain, LinkKey key)
    {
        CachedLink? link;
        try
        {
            link = await links.LoadAsync(key, http.RequestAborted);
        }
        finally
        {
            shedding.Exit(LoadClass.RedirectMiss);
        }

        await RespondAsync(http, domain, link);
    }

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

    private Task RespondAsync(HttpContext http, DomainEntry domain, CachedLink? link)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var outcome = Decide(link, now);
        if (outcome != RedirectOutcome.Redirect)
        {
            if (outcome == RedirectOutcome.NotFound && domain.NotFoundRedirect is { } elsewhere)
            {
                RedirectElsewhere(http, elsewhere);
                return Task.CompletedTask;
            }

            return RespondGoneAsync(http, outcome);
        }

        // Links with a visit limit, a password or a warning leave the fast path: none is common, each
        // needs more than a redirect.
        if (link!.MaxVisits is not null || (link.Flags & CachedLinkFlags.OffFastPath) != 0)
        {
            // A routed link with nothing to check first is decided here, without a state machine.
            return link.MaxVisits is null && (link.Flags & CachedLinkFlags.Gated) == 0 && routes.Sticky.Ready
                ? RouteAsync(http, link, now)
                : RespondSpecialAsync(http, link, now);
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
        if (link.MaxVisits is not null
            && !await VisitLimit.TryCountAsync(http.RequestServices.GetRequiredService<HopDbContext>(), link.Id, http.RequestAborted))
        {
            await RespondGoneAsync(http, RedirectOutcome.Expired);
            return;
        }

        if (link.IsRouted)
        {
            await routes.Sticky.LoadAsync(http.RequestAborted);
        }

        if (link.HasWarning)
        {
            await ShowInterstitialAsync(http, link);
            return;
        }

        if (link.IsRouted)
        {
            await RouteAsync(http, link, now);
            return;
        }

        Redirect(http, link, now);
    }

    /// <summary>
    /// A link unfurler asking for a link with a preview gets the preview page; everyone else the first
    /// matching rule's url, else their variant, else the target.
    /// </summary>
    private Task RouteAsync(HttpContext http, CachedLink link, DateTime now)
    {
        if (routes.ShowsPreview(http, link.Routing))
        {
            metrics.Redirect(StatusCodes.Status200OK);
            clicks.Record(http, link.Id);
            return VisitorPages.WritePreviewAsync(http, link.Routing.Preview!, link.Target);
        }

        var route = routes.Choose(http, link, now);
        var status = LinkRedirect.StatusOf(link);
        LinkRedirect.Redirect(http, link, route.Url, status, LinkRedirect.CacheControl(link, _options, now));
        metrics.Redirect(status);
        clicks.Record(http, link.Id, route.Route);
        return Task.CompletedTask;
    }

    /// <summary>Where a routed link sends this visitor once a gate (password, warning) is passed: the target for any other link.</summary>
    internal async ValueTask<RouteChoice> ChooseAsync(HttpContext http, CachedLink link)
    {
        if (!link.IsRouted)
        {
            return new RouteChoice(link.Target, ClickRoute.Target);
        }

        await routes.Sticky.LoadAsync(http.RequestAborted);
        return routes.Choose(http, link, time.GetUtcNow().UtcDateTime);
    }

    /// <summary>The "you are leaving for …" page in place of the redirect, to where the link's rules send the visitor; it counts as the visit.</summary>
    internal async Task ShowInterstitialAsync(HttpContext http, CachedLink link)
    {
        metrics.Redirect(StatusCodes.Status200OK);
        var route = await ChooseAsync(http, link);
        var target = link.ForwardQuery ? QueryForwarding.Merge(route.Url, http.Request.QueryString.Value) : route.Url;
        await VisitorPages.WriteInterstitialAsync(http, (string)http.Request.RouteValues["code"]!, target, link.Warning!);
        clicks.Record(http, link.Id, route.Route);
    }

    /// <summary>A domain's own redirect (its root, an unknown code): temporary, uncached, and no visit of a link.</summary>
    private void RedirectElsewhere(HttpContext http, string url)
    {
        http.Response.StatusCode = StatusCodes.Status302Found;
        http.Response.Headers.Location = url;
        http.Response.Headers.CacheControl = "private, max-age=0";
        metrics.Redirect(StatusCodes.Status302Found);
    }

    private Task RespondGoneAsync(HttpContext http, RedirectOutcome outcome)
    {
        metrics.Redirect(outcome == RedirectOutcome.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone);
        return VisitorPages.WriteUnavailableAsync(http, outcome);
    }
}
