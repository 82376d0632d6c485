using System.Linq.Expressions;
using Hop.Accounts;
using Hop.Clicks.Writing;
using Hop.Data;
using Hop.Links;
using Microsoft.EntityFrameworkCore;

namespace Hop.Clicks.Stats;

/// <summary>
/// Reads only counters, never raw visits, so the cost follows the length of the window and the number of
/// distinct values, not the number of visits. Totals and series come from hourly counters (a link's
/// <see cref="VisitCount"/>s, an account's <see cref="AccountCount"/>s: 24 rows a day); top tables and
/// unique visitors from daily counters for the window's whole UTC days and from hourly ones for its
/// other hours (<see cref="WindowSplit"/>); a link's daily counters exist up to the watermark of
/// <see cref="CompactedDays"/>, an account's for every day. A link's other hours are read from its hourly
/// top-list rows up to the watermark of <see cref="CompactedHours"/> and from its combinations after it.
/// </summary>
internal static class StatsQueries
{
    private const int TopCount = 10;

    /// <summary>A link's stats for its window, as the stats API answers them and the link's page shows them.</summary>
    public static async Task<LinkStatsResponse> LinkAsync(ClicksDbContext clicks, Link link, StatsWindow window, CancellationToken ct)
    {
        var through = await ClickCompaction.ThroughAsync(clicks, ct);
        var (totals, series, top) = await ReadLinksAsync(clicks, [link.Id], window, through, ct);
        var routes = await RoutesAsync(clicks, link.Id, window, ct);
        return new LinkStatsResponse(link.Code, window, totals, series, top, routes);
    }

    /// <summary>
    /// The visits of every link <paramref name="caller"/> may see, with the top links, as the stats API's
    /// overview answers them and the stats page shows them. A user's are their account's counters and an
    /// admin's those of <see cref="StatsAccount.AllLinks"/>: a visit counts for the owner its link had when
    /// the visit was written, and stays counted when the link is deleted. A key limited to one domain sees
    /// only that domain's links, so its overview sums their own counters.
    /// </summary>
    public static async Task<StatsOverviewResponse> OverviewAsync(
        HopDbContext links, ClicksDbContext clicks, Caller caller, StatsWindow window, CancellationToken ct)
    {
        var visible = links.Links.AsNoTracking().VisibleTo(caller);
        var linkCount = await visible.CountAsync(ct);
        var through = await ClickCompaction.ThroughAsync(clicks, ct);
        long? account = caller.DomainId is not null ? null
            : caller.IsAdmin ? StatsAccount.AllLinks
            : caller.UserId;
        if (account is { } accountId)
        {
            var (totals, series, top) = await ReadAccountAsync(clicks, accountId, window, ct);
            var topLinks = await TopLinks.ReadAsync(
                clicks, caller.IsAdmin ? null : accountId, window, through, TopCount,
                (ids, token) => visible.Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Code, token), ct);
            return new StatsOverviewResponse(linkCount, topLinks, window, totals, series, top);
        }

        var owned = await visible.Select(l => l.Id).ToArrayAsync(ct);
        var (ownTotals, ownSeries, ownTop) = await ReadLinksAsync(clicks, owned, window, through, ct);
        var sums = await LinkWindowTotals.OfAsync(clicks, owned, null, WindowSplit.Of(window, through), ct);
        var best = sums.Where(s => s.Value > 0).OrderByDescending(s => s.Value).ThenBy(s => s.Key).Take(TopCount).ToArray();
        var ids = best.Select(b => b.Key).ToArray();
        var codes = await visible.Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Code, ct);
        TopLink[] ownTopLinks = [.. best.Select(b => new TopLink(codes[b.Key], b.Value) { LinkId = b.Key })];
        return new StatsOverviewResponse(linkCount, ownTopLinks, window, ownTotals, ownSeries, ownTop);
    }

    /// <summary>The stats of a set of links from their own counters.</summary>
    private static async Task<(StatsTotals Totals, List<StatsBucket> Series, StatsTop Top)> ReadLinksAsync(
        ClicksDbContext db, long[] linkIds, StatsWindow window, DateOnly? through, CancellationToken ct)
    {
        var hoursThrough = await ClickCompaction.HoursThroughAsync(db, ct);
        var split = WindowSplit.Of(window, through);
        var (from, to) = (split.Hours.From, split.Hours.To);
        var hours = await db.VisitCounts.AsNoTracking()
            .Where(c => linkIds.Contains(c.LinkId) && c.Hour >= from && c.Hour < to)
            .GroupBy(c => c.Hour)
            .Select(SumsBy<VisitCount, DateTime>())
            .ToListAsync(ct);

        var top = new TopTables();
        if (split.Days is { } days)
        {
            await AddValuesAsync(top, db.LinkDimensionDays.AsNoTracking()
                .Where(r => linkIds.Contains(r.LinkId) && r.Day >= days.First && r.Day <= days.Last), ct);
        }

        var (compactedHours, openHours) = split.OtherHoursAt(hoursThrough);
        if (compactedHours.Count > 0)
        {
            await AddValuesAsync(top, db.LinkDimensionHours.AsNoTracking()
                .Where(r => linkIds.Contains(r.LinkId))
                .Where(InRanges<LinkDimensionHour>(r => r.Hour, compactedHours)), ct);
        }

        if (openHours.Count > 0)
        {
            // The hours after the hour watermark in one pass: each combination once, split in memory.
            var combinations = await db.VisitProfiles.AsNoTracking()
                .Where(p => linkIds.Contains(p.LinkId))
                .Where(InRanges<VisitProfile>(p => p.Hour, openHours))
                .GroupBy(p => new { p.Referrer, p.Browser, p.Os, p.Device, p.Country })
                .Select(g => new ProfileCombination(g.Key.Referrer, g.Key.Browser, g.Key.Os, g.Key.Device, g.Key.Country, g.Sum(p => p.Count)))
                .ToListAsync(ct);
            foreach (var combination in combinations)
            {
                top.Add(combination);
            }
        }

        // Unique visitors: the daily counts the writer keeps for every day.
        var touched = WindowSplit.DaysTouched(window);
        var uniques = await db.LinkVisitorDays.AsNoTracking()
            .Where(v => linkIds.Contains(v.LinkId) && v.Day >= touched.First && v.Day <= touched.Last)
            .SumAsync(v => v.Visitors, ct);

        var (totals, series) = Series(window, hours, uniques);
        return (totals, series, top.Top(TopCount));
    }

    /// <summary>The stats of an account (<see cref="StatsAccount"/>) from its own counters.</summary>
    private static async Task<(StatsTotals Totals, List<StatsBucket> Series, StatsTop Top)> ReadAccountAsync(
        ClicksDbContext db, long accountId, StatsWindow window, CancellationToken ct)
    {
        var split = WindowSplit.Of(window, DateOnly.MaxValue);
        var (from, to) = (split.Hours.From, split.Hours.To);
        var hours = await db.AccountCounts.AsNoTracking()
            .Where(c => c.AccountId == accountId && c.Hour >= from && c.Hour < to)
            .GroupBy(c => c.Hour)
            .Select(SumsBy<AccountCount, DateTime>())
            .ToListAsync(ct);

        var top = new TopTables();
        if (split.Days is { } days)
        {
            await AddValuesAsync(top, db.AccountDimensionDays.AsNoTracking()
                .Where(r => r.AccountId == accountId && r.Day >= days.First && r.Day <= days.Last), ct);
        }

        foreach (var range in split.OtherHours)
        {
            await AddValuesAsync(top, db.AccountDimensions.AsNoTracking()
                .Where(r => r.AccountId == accountId && r.Hour >= range.From && r.Hour < range.To), ct);
        }

        var touched = WindowSplit.DaysTouched(window);
        var uniques = await db.AccountVisitorDays.AsNoTracking()
            .Where(v => v.AccountId == accountId && v.Day >= touched.First && v.Day <= touched.Last)
            .SumAsync(v => v.Visitors, ct);

        var (totals, series) = Series(window, hours, uniques);
        return (totals, series, top.Top(TopCount));
    }

    /// <summary>Adds to <paramref name="top"/> the counts of <paramref name="rows"/>, summed per dimension value.</summary>
    private static async Task AddValuesAsync<TRow>(TopTables top, IQueryable<TRow> rows, CancellationToken ct)
        where TRow : class, IDimensionCount
    {
        var values = await rows
            .GroupBy(r => new { r.Dimension, r.Value })
            .Select(g => new { g.Key.Dimension, g.Key.Value, Count = g.Sum(r => r.Count) })
            .ToListAsync(ct);
        foreach (var value in values)
        {
            top.Add(value.Dimension, value.Value, value.Count);
        }
    }

    /// <summary>The window's buckets and totals from its hourly sums.</summary>
    private static (StatsTotals Totals, List<StatsBucket> Series) Series(StatsWindow window, List<Sums<DateTime>> hours, long uniques)
    {
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

        var totals = new StatsTotals(buckets.Aggregate(VisitorCounts.None, (sum, bucket) => sum + bucket)) { UniqueVisitors = uniques };
        return (totals, series);
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

    public static async Task<LiveVisits> AllTimeAsync(ClicksDbContext db, long linkId, DateTimeOffset now, CancellationToken ct)
    {
        var sums = await db.VisitCounts.AsNoTracking().Where(c => c.LinkId == linkId)
            .GroupBy(c => c.LinkId)
            .Select(SumsBy<VisitCount, long>())
            .FirstOrDefaultAsync(ct);
        return new LiveVisits(sums?.Counts ?? VisitorCounts.None) { CommittedAt = now };
    }

    /// <summary>
    /// <c>g =&gt; new Sums(g.Key, new VisitorCounts { Total = g.Sum(c =&gt; c.Counts.Total), Humans = g.Sum(c =&gt;
    /// c.Counts.Humans), … })</c> over rows with counts by class (<see cref="VisitCount"/>, <see cref="AccountCount"/>):
    /// one SQL sum per count of <see cref="VisitorCounts.Counters"/>, so that a new class is summed without an edit here.
    /// </summary>
    private static Expression<Func<IGrouping<TKey, TRow>, Sums<TKey>>> SumsBy<TRow, TKey>()
    {
        var group = Expression.Parameter(typeof(IGrouping<TKey, TRow>), "g");
        var row = Expression.Parameter(typeof(TRow), "c");
        var counts = Expression.Property(row, nameof(VisitCount.Counts));
        var sums = VisitorCounts.Counters.Select(c => c.Property).Prepend(nameof(VisitorCounts.Total)).Select(property =>
            Expression.Bind(
                typeof(VisitorCounts).GetProperty(property)!,
                Expression.Call(typeof(Enumerable), nameof(Enumerable.Sum), [typeof(TRow)], group,
                    Expression.Lambda(typeof(Func<,>).MakeGenericType(typeof(TRow), typeof(long)), Expression.Property(counts, property), row))));
        var body = Expression.New(
            typeof(Sums<TKey>).GetConstructor([typeof(TKey), typeof(VisitorCounts)])!,
            Expression.Property(group, nameof(IGrouping<TKey, TRow>.Key)),
            Expression.MemberInit(Expression.New(typeof(VisitorCounts)), sums));
        return Expression.Lambda<Func<IGrouping<TKey, TRow>, Sums<TKey>>>(body, group);
    }

    /// <summary><c>r =&gt; (hour(r) &gt;= a.From &amp;&amp; hour(r) &lt; a.To) || (…)</c> over <paramref name="ranges"/>, so
    /// that the hours of every range are read in one query; the bounds are parameters, as a captured
    /// variable would be, so the query is compiled once per number of ranges.</summary>
    private static Expression<Func<TRow, bool>> InRanges<TRow>(Expression<Func<TRow, DateTime>> hour, IReadOnlyList<HourRange> ranges)
    {
        var body = ranges.Select(r => (Expression)Expression.AndAlso(
                Expression.GreaterThanOrEqual(hour.Body, Captured(r.From)),
                Expression.LessThan(hour.Body, Captured(r.To))))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<TRow, bool>>(body, hour.Parameters);

        static Expression Captured(DateTime value) => ((Expression<Func<DateTime>>)(() => value)).Body;
    }

    private sealed record Sums<TKey>(TKey Key, VisitorCounts Counts);
}
