using System.Runtime.CompilerServices;
using Hop.Accounts;
using Hop.Clicks.Writing;
using Hop.Data;
using Hop.Links;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Hop.Hosting;

namespace Hop.Clicks.Stats;

/// <summary>Statistics for a link's owner (or an admin), live visits, and the pipeline's accounting.</summary>
internal static class StatsApi
{
    public static void MapClicks(this WebApplication app)
    {
        var stats = app.MapGroup("/api/v1").WithTags("Stats").RequireAuthorization(Scopes.StatsRead);
        stats.MapGet("/links/{code}/stats", GetLinkStatsAsync).WithSummary("Visits of one link: totals, series, top tables, visits per rule and variant")
            .WithMetadata(HeavyRequest.Instance);
        stats.MapGet("/links/{code}/stats/live", LiveAsync).WithSummary("Server-sent events: one per committed batch of visits")
            .WithMetadata(LongLivedRequest.Instance);
        stats.MapGet("/stats", GetOverviewAsync).WithSummary("Visits of all the caller's links, with the top links")
            .WithMetadata(HeavyRequest.Instance);
        app.MapAdminGroup().MapGet("/clicks", GetAccountingAsync)
            .WithSummary("Click pipeline accounting: received, stored, duplicates, dropped, queue depth");
    }

    private static async Task<Results<Ok<LinkStatsResponse>, ValidationProblem, ProblemHttpResult>> GetLinkStatsAsync(
        string code, string? domain, string? from, string? to, string? granularity, string? tz,
        HttpContext http, LinkStore links, ClicksDbContext clicks, TimeProvider time, CancellationToken ct)
    {
        var (window, invalid) = WindowOf(from, to, granularity, tz, time);
        if (window is null)
        {
            return invalid!;
        }

        var link = await links.FindAsync(code, domain, Caller.From(http.User), ct);
        if (link is null)
        {
            return Problems.LinkNotFound(code);
        }

        return TypedResults.Ok(await StatsQueries.LinkAsync(clicks, link, window, ct));
    }

    private static async Task<Results<Ok<StatsOverviewResponse>, ValidationProblem, ProblemHttpResult>> GetOverviewAsync(
        string? from, string? to, string? granularity, string? tz,
        HttpContext http, HopDbContext links, ClicksDbContext clicks, TimeProvider time, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var (window, invalid) = WindowOf(from, to, granularity, tz, time);
        if (window is null)
        {
            return invalid!;
        }

        return TypedResults.Ok(await StatsQueries.OverviewAsync(links, clicks, caller, window, ct));
    }

    private static async Task<Results<ServerSentEventsResult<LiveVisits>, ProblemHttpResult>> LiveAsync(
        string code, string? domain, HttpContext http, LinkStore links, ClicksDbContext clicks, ClickLiveFeed feed,
        TimeProvider time, CancellationToken ct)
    {
        var link = await links.FindAsync(code, domain, Caller.From(http.User), ct);
        if (link is null)
        {
            return Problems.LinkNotFound(code);
        }

        // Subscribe before reading the totals, so no batch falls between the two.
        var subscription = feed.Subscribe(link.Id);
        var totals = await StatsQueries.AllTimeAsync(clicks, link.Id, time.GetUtcNow(), ct);
        return TypedResults.ServerSentEvents(StreamAsync(subscription, totals, http.RequestAborted));
    }

    /// <summary>First the all-time totals, then one message per committed batch of new visits.</summary>
    private static async IAsyncEnumerable<LiveVisits> StreamAsync(
        ClickLiveFeed.Subscription subscription, LiveVisits totals, [EnumeratorCancellation] CancellationToken ct)
    {
        using (subscription)
        {
            yield return totals;
            await foreach (var batch in subscription.Reader.ReadAllAsync(ct))
            {
                yield return batch;
            }
        }
    }

    private static async Task<Results<Ok<ClickAccountingResponse>, ProblemHttpResult>> GetAccountingAsync(
        ClickQueue queue, ClicksDbContext clicks, IOptions<ClickOptions> options, CancellationToken ct) =>
        TypedResults.Ok(await ClickAccounting.ReadAsync(queue, clicks, options, ct));

    /// <summary>The window a request's parameters ask for, or the problem with them.</summary>
    private static (StatsWindow? Window, ValidationProblem? Invalid) WindowOf(
        string? from, string? to, string? granularity, string? tz, TimeProvider time)
    {
        var errors = new Dictionary<string, string[]>();
        var window = StatsWindow.TryCreate(from, to, granularity, tz, time.GetUtcNow().UtcDateTime, errors);
        return (window, window is null ? TypedResults.ValidationProblem(errors) : null);
    }
}
