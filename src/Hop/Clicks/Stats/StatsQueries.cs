using System.Linq.Expressions;
using Hop.Accounts;
using Hop.Clicks.Writing;
using Hop.Data;
using Hop.Links;
using Microsoft.EntityFrameworkCore;

namespace Hop.Clicks.Stats;

/// <summary>Reads only the counters (hourly, visit profiles, daily visitors, routes), never raw visits,
/// so the cost follows the length of the range, not the number of visits.</summary>
internal static class StatsQueries
{
    private const int TopCount = 10;

    /// <summary>A link's stats for its window, as the stats API answers them and the link's page shows them.</summary>
    public static async Task<LinkStatsResponse> LinkAsync(ClicksDbContext clicks, Link link, StatsWindow window, CancellationToken ct)
    {
        var (totals, series, top) = await ReadAsync(clicks, [link.Id], window, ct);
        var routes = await RoutesAsync(clicks, link.Id, window, ct);
        return new LinkStatsResponse(link.Code, window, totals, series, top, routes);
    }

    /// <summary>The visits of every link <paramref name="caller"/> may see, with the top links, as the stats
    /// API's overview answers them and the stats page shows them.</summary>
    public static async Task<StatsOverviewResponse> OverviewAsync(
        HopDbContext links, ClicksDbContext clicks, Caller caller, StatsWindow window, CancellationToken ct)
    {
        // An admin sees every link, so no id filter; a user's links are listed first.
        var owned = caller.IsAdmin
            ? null
            : await links.Links.AsNoTracking().VisibleTo(caller).Select(l => l.Id).ToArrayAsync(ct);
        var linkCount = owned?.Length ?? await links.Links.CountAsync(ct);
        var (totals, series, top) = await ReadAsync(clicks, owned, window, ct);
        var topIds = await TopLinksAsync(clicks, owned, window, TopCount, ct);
        var ids = topIds.Select(t => t.LinkId).ToArray();
        var codes = await links.Links.AsNoTracking().Where(l => ids.Contains(l.Id))
            .ToDictionaryAsync(l => l.Id, l => l.Code, ct);
        TopLink[] topLinks =
        [
            .. topIds.Where(t => codes.ContainsKey(t.LinkId)).Select(t => new TopLink(codes[t.LinkId], t.Total) { LinkId = t.LinkId }),
        ];
        return new StatsOverviewResponse(linkCount, topLinks, window, totals, series, top);
    }

    public static async Task<(StatsTotals Totals, List<StatsBucket> Series, StatsTop Top)> ReadAsync(
        ClicksDbContext db, long[]? linkIds, StatsWindow window, CancellationToken ct)
    {
        var counts = CountsIn(db, linkIds, window);

        var hours = await counts.GroupBy(c => c.Hour).Select(SumsBy<DateTime>()).ToListAsync(ct);
        var buckets = new VisitorCounts[window.Starts.Length];
        Array.Fill(buckets, VisitorCounts.None);
        foreach (var hour in hours)
        {
            buckets[window.IndexOf(hour.Key)] += hour.Counts;
        }

        var series = new List<StatsBucket>(buckets.Length);
        for (var i = 0; i < buckets.Length; i++)
        {
            series.Add(new StatsBucket(buckets[i]) { Start = window.Local(window.Starts[i]) });
        }

        var (from, to) = (window.FromUtc, window.ToUtc);
        var (fromDay, toDay) = (DateOnly.FromDateTime(from), DateOnly.FromDateTime(to.AddTicks(-1)));
        var visitors = db.DailyVisitors.AsNoTracking().Where(v => v.Day >= fromDay && v.Day <= toDay);
        if (linkIds is not null)
        {
            visitors = visitors.Where(v => linkIds.Contains(v.LinkId));
        }

        var totals = new StatsTotals(buckets.Aggregate(VisitorCounts.None, (sum, bucket) => sum + bucket))
        {
            UniqueVisitors = await visitors.LongCountAsync(ct),
        };
        return (totals, series, await TopAsync(db, linkIds, from, to, ct));
    }

    /// <summary>The link's visits per rule and variant in the window: a range of its route counters' key.</summary>
    public static async Task<StatsRoutes> RoutesAsync(ClicksDbContext db, long linkId, StatsWindow window, CancellationToken ct)
    {
        var (from, to) = (window.FromUtc, window.ToUtc);
        var sums = await db.VisitRoutes.AsNoTracking()
            .Where(r => r.LinkId == linkId && r.Hour >= from && r.Hour < to)
            .GroupBy(r => r.Route)
            .Select(g => new { Route = g.Key, Visits = g.Sum(r => r.Count) })
            .ToListAsync(ct);
        return StatsRoutes.Of(sums.Select(s => (s.Route, s.Visits)));
    }

    public static async Task<List<(long LinkId, long Total)>> TopLinksAsync(
        ClicksDbContext db, long[]? linkIds, StatsWindow window, int count, CancellationToken ct)
    {
        var counts = CountsIn(db, linkIds, window);

        var top = await counts.GroupBy(c => c.LinkId)
            .Select(g => new { LinkId = g.Key, Total = g.Sum(c => c.Counts.Total) })
            .OrderByDescending(t => t.Total).ThenBy(t => t.LinkId)
            .Take(count)
            .ToListAsync(ct);
        return [.. top.Select(t => (t.LinkId, t.Total))];
    }

    /// <summary>The hourly counters of the window, of <paramref name="linkIds"/> (every link when null).</summary>
    private static IQueryable<VisitCount> CountsIn(ClicksDbContext db, long[]? linkIds, StatsWindow window)
    {
        var (from, to) = (window.FromUtc, window.ToUtc);
        var counts = db.VisitCounts.AsNoTracking().Where(c => c.Hour >= from && c.Hour < to);
        return linkIds is null ? counts : counts.Where(c => linkIds.Contains(c.LinkId));
    }

    public static async Task<LiveVisits> AllTimeAsync(ClicksDbContext db, long linkId, DateTimeOffset now, CancellationToken ct)
    {
        var sums = await db.VisitCounts.AsNoTracking().Where(c => c.LinkId == linkId)
            .GroupBy(c => c.LinkId)
            .Select(SumsBy<long>())
            .FirstOrDefaultAsync(ct);
        return new LiveVisits(sums?.Counts ?? VisitorCounts.None) { CommittedAt = now };
    }

    private static async Task<StatsTop> TopAsync(
        ClicksDbContext db, long[]? linkIds, DateTime from, DateTime to, CancellationToken ct)
    {
        var profiles = db.VisitProfiles.AsNoTracking().Where(p => p.Hour >= from && p.Hour < to);
        if (linkIds is not null)
        {
            profiles = profiles.Where(p => linkIds.Contains(p.LinkId));
        }

        async Task<List<StatsEntry>> TopByAsync(System.Linq.Expressions.Expression<Func<VisitProfile, string>> dimension)
        {
            var rows = await profiles.GroupBy(dimension)
                .Select(g => new { Value = g.Key, Count = g.Sum(p => p.Count) })
                .ToListAsync(ct);
            return
            [
                .. rows.OrderByDescending(r => r.Count).ThenBy(r => r.Value, StringComparer.Ordinal)
                    .Take(TopCount)
                    .Select(r => new StatsEntry(r.Value, r.Count)),
            ];
        }

        return new StatsTop
        {
            Referrers = await TopByAsync(p => p.Referrer),
            Browsers = await TopByAsync(p => p.Browser),
            Os = await TopByAsync(p => p.Os),
            Devices = await TopByAsync(p => p.Device),
            Countries = await TopByAsync(p => p.Country),
        };
    }

    /// <summary>
    /// <c>g =&gt; new Sums(g.Key, new VisitorCounts { Total = g.Sum(c =&gt; c.Counts.Total), Humans = g.Sum(c =&gt;
    /// c.Counts.Humans), … })</c>: one SQL sum per count of <see cref="VisitorCounts.Counters"/>, so that a
    /// new class is summed without an edit here.
    /// </summary>
    private static Expression<Func<IGrouping<TKey, VisitCount>, Sums<TKey>>> SumsBy<TKey>()
    {
        var group = Expression.Parameter(typeof(IGrouping<TKey, VisitCount>), "g");
        var row = Expression.Parameter(typeof(VisitCount), "c");
        var counts = Expression.Property(row, nameof(VisitCount.Counts));
        var sums = VisitorCounts.Counters.Select(c => c.Property).Prepend(nameof(VisitorCounts.Total)).Select(property =>
            Expression.Bind(
                typeof(VisitorCounts).GetProperty(property)!,
                Expression.Call(typeof(Enumerable), nameof(Enumerable.Sum), [typeof(VisitCount)], group,
                    Expression.Lambda<Func<VisitCount, long>>(Expression.Property(counts, property), row))));
        var body = Expression.New(
            typeof(Sums<TKey>).GetConstructor([typeof(TKey), typeof(VisitorCounts)])!,
            Expression.Property(group, nameof(IGrouping<TKey, VisitCount>.Key)),
            Expression.MemberInit(Expression.New(typeof(VisitorCounts)), sums));
        return Expression.Lambda<Func<IGrouping<TKey, VisitCount>, Sums<TKey>>>(body, group);
    }

    private sealed record Sums<TKey>(TKey Key, VisitorCounts Counts);
}
