using Hop.Clicks.Writing;
using Hop.Data;
using Microsoft.EntityFrameworkCore;

namespace Hop.Clicks.Stats;

/// <summary>Reads only the counters (hourly, visit profiles, daily visitors), never raw visits, so the
/// cost follows the length of the range, not the number of visits.</summary>
internal static class StatsQueries
{
    private const int TopCount = 10;

    public static async Task<(StatsTotals Totals, List<StatsBucket> Series, StatsTop Top)> ReadAsync(
        ClicksDbContext db, long[]? linkIds, StatsWindow window, CancellationToken ct)
    {
        var (from, to) = (window.FromUtc, window.ToUtc);
        var counts = db.VisitCounts.AsNoTracking().Where(c => c.Hour >= from && c.Hour < to);
        if (linkIds is not null)
        {
            counts = counts.Where(c => linkIds.Contains(c.LinkId));
        }

        var hours = await counts.GroupBy(c => c.Hour).Select(g => new
        {
            Hour = g.Key,
            Total = g.Sum(c => c.Total),
            Humans = g.Sum(c => c.Humans),
            Bots = g.Sum(c => c.Bots),
            Unfurlers = g.Sum(c => c.Unfurlers),
            MailScanners = g.Sum(c => c.MailScanners),
            Prefetches = g.Sum(c => c.Prefetches),
        }).ToListAsync(ct);

        var buckets = new long[window.Starts.Length, 6];
        foreach (var h in hours)
        {
            var i = window.IndexOf(h.Hour);
            buckets[i, 0] += h.Total;
            buckets[i, 1] += h.Humans;
            buckets[i, 2] += h.Bots;
            buckets[i, 3] += h.Unfurlers;
            buckets[i, 4] += h.MailScanners;
            buckets[i, 5] += h.Prefetches;
        }

        var series = new List<StatsBucket>(window.Starts.Length);
        for (var i = 0; i < window.Starts.Length; i++)
        {
            series.Add(new StatsBucket
            {
                Start = window.Local(window.Starts[i]),
                Total = buckets[i, 0],
                Humans = buckets[i, 1],
                Bots = buckets[i, 2],
                Unfurlers = buckets[i, 3],
                MailScanners = buckets[i, 4],
                Prefetches = buckets[i, 5],
            });
        }

        var (fromDay, toDay) = (DateOnly.FromDateTime(from), DateOnly.FromDateTime(to.AddTicks(-1)));
        var visitors = db.DailyVisitors.AsNoTracking().Where(v => v.Day >= fromDay && v.Day <= toDay);
        if (linkIds is not null)
        {
            visitors = visitors.Where(v => linkIds.Contains(v.LinkId));
        }

        var totals = new StatsTotals
        {
            Total = series.Sum(b => b.Total),
            Humans = series.Sum(b => b.Humans),
            Bots = series.Sum(b => b.Bots),
            Unfurlers = series.Sum(b => b.Unfurlers),
            MailScanners = series.Sum(b => b.MailScanners),
            Prefetches = series.Sum(b => b.Prefetches),
            UniqueVisitors = await visitors.LongCountAsync(ct),
        };
        return (totals, series, await TopAsync(db, linkIds, from, to, ct));
    }

    public static async Task<List<(long LinkId, long Total)>> TopLinksAsync(
        ClicksDbContext db, long[]? linkIds, StatsWindow window, int count, CancellationToken ct)
    {
        var (from, to) = (window.FromUtc, window.ToUtc);
        var counts = db.VisitCounts.AsNoTracking().Where(c => c.Hour >= from && c.Hour < to);
        if (linkIds is not null)
        {
            counts = counts.Where(c => linkIds.Contains(c.LinkId));
        }

        var top = await counts.GroupBy(c => c.LinkId)
            .Select(g => new { LinkId = g.Key, Total = g.Sum(c => c.Total) })
            .OrderByDescending(t => t.Total).ThenBy(t => t.LinkId)
            .Take(count)
            .ToListAsync(ct);
        return [.. top.Select(t => (t.LinkId, t.Total))];
    }

    public static async Task<LiveVisits> AllTimeAsync(ClicksDbContext db, long linkId, DateTimeOffset now, CancellationToken ct)
    {
        var sums = await db.VisitCounts.AsNoTracking().Where(c => c.LinkId == linkId)
            .GroupBy(c => c.LinkId)
            .Select(g => new
            {
                Total = g.Sum(c => c.Total),
                Humans = g.Sum(c => c.Humans),
                Bots = g.Sum(c => c.Bots),
                Unfurlers = g.Sum(c => c.Unfurlers),
                MailScanners = g.Sum(c => c.MailScanners),
                Prefetches = g.Sum(c => c.Prefetches),
            }).FirstOrDefaultAsync(ct);
        return new LiveVisits
        {
            CommittedAt = now,
            Total = sums?.Total ?? 0,
            Humans = sums?.Humans ?? 0,
            Bots = sums?.Bots ?? 0,
            Unfurlers = sums?.Unfurlers ?? 0,
            MailScanners = sums?.MailScanners ?? 0,
            Prefetches = sums?.Prefetches ?? 0,
        };
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
}
