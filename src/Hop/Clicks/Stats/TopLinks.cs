using Hop.Data;
using Microsoft.EntityFrameworkCore;

namespace Hop.Clicks.Stats;

/// <summary>
/// The links with the most visits in a window, exact, without summing every link's counters (a
/// threshold algorithm). The window's hours fall in parts: each compacted day it touches (whole or
/// not), and the hours after the watermark. From each part the <c>K</c> links with the most visits are
/// read (a day's from its <see cref="LinkDay"/> rows by the (day, total) index, or (owner, day, total) for
/// one owner; the hours after the watermark by summing their hourly rows), and the candidates' exact
/// window totals are summed. A link among no part's top K has at most the part's K-th value in each part
/// (the whole day's total bounds any hours of it), so once the last of the top links has at least the sum
/// of those K-th values, no other link can pass it: the totals listed are exact (among equal totals the
/// candidates come first). Else K grows fourfold and the parts are read again, up to
/// <see cref="MaxCandidates"/> per part, where the list is returned as it stands.
/// </summary>
internal static class TopLinks
{
    public const int DefaultCandidates = 20;
    public const int MaxCandidates = 5120;

    /// <param name="ownerId">One owner's links, counted as that owner's account counts them; null for every link.</param>
    /// <param name="through">The watermark of <see cref="CompactedDays"/>; null when no day is compacted.</param>
    /// <param name="codesOf">The codes of those of the given links the caller may see.</param>
    /// <param name="candidates">The first K.</param>
    public static async Task<List<TopLink>> ReadAsync(
        ClicksDbContext db, long? ownerId, StatsWindow window, DateOnly? through, int count,
        Func<long[], CancellationToken, Task<Dictionary<long, string>>> codesOf, CancellationToken ct,
        int candidates = DefaultCandidates)
    {
        var split = WindowSplit.Of(window, through);
        var hours = split.Hours;
        var days = new List<DateOnly>();
        var afterWatermark = hours.From;
        if (hours.From < hours.To && through is { } last)
        {
            var lastTouched = DateOnly.FromDateTime(hours.To.AddHours(-1));
            for (var day = DateOnly.FromDateTime(hours.From); day <= last && day <= lastTouched; day = day.AddDays(1))
            {
                days.Add(day);
            }

            var open = WindowSplit.Start(last.AddDays(1));
            afterWatermark = open > afterWatermark ? open : afterWatermark;
        }

        for (var k = Math.Max(candidates, 1); ; k *= 4)
        {
            var ids = new HashSet<long>();
            var bound = 0L;
            foreach (var day in days)
            {
                bound += Collect(ids, await DayTopAsync(db, ownerId, day, k, ct), k);
            }

            if (afterWatermark < hours.To)
            {
                bound += Collect(ids, await HoursTopAsync(db, ownerId, new HourRange(afterWatermark, hours.To), k, ct), k);
            }

            var candidateIds = ids.ToArray();
            var totals = await LinkWindowTotals.OfAsync(db, candidateIds, ownerId, split, ct);
            var codes = await codesOf(candidateIds, ct);
            var ranked = totals.Where(t => t.Value > 0 && codes.ContainsKey(t.Key))
                .OrderByDescending(t => t.Value).ThenBy(t => t.Key)
                .Take(count)
                .Select(t => new TopLink(codes[t.Key], t.Value) { LinkId = t.Key })
                .ToList();
            var exact = bound == 0 || (ranked.Count == count && ranked[^1].Total >= bound);
            if (exact || k >= MaxCandidates)
            {
                return ranked;
            }
        }
    }

    /// <summary>Adds the part's links to the candidates; returns the most a link outside them has in the part.</summary>
    private static long Collect(HashSet<long> ids, List<(long LinkId, long Total)> top, int k)
    {
        foreach (var (linkId, _) in top)
        {
            ids.Add(linkId);
        }

        return top.Count < k ? 0 : top.Min(t => t.Total);
    }

    private static async Task<List<(long LinkId, long Total)>> DayTopAsync(
        ClicksDbContext db, long? ownerId, DateOnly day, int k, CancellationToken ct)
    {
        var rows = db.LinkDays.AsNoTracking().Where(d => d.Day == day);
        if (ownerId is { } owner)
        {
            rows = rows.Where(d => d.OwnerId == owner);
        }

        var top = await rows.OrderByDescending(d => d.Total).Take(k).Select(d => new { d.LinkId, d.Total }).ToListAsync(ct);
        return [.. top.Select(t => (t.LinkId, t.Total))];
    }

    private static async Task<List<(long LinkId, long Total)>> HoursTopAsync(
        ClicksDbContext db, long? ownerId, HourRange range, int k, CancellationToken ct)
    {
        var rows = db.VisitCounts.AsNoTracking().Where(c => c.Hour >= range.From && c.Hour < range.To);
        if (ownerId is { } owner)
        {
            rows = rows.Where(c => c.OwnerId == owner);
        }

        var top = await rows.GroupBy(c => c.LinkId)
            .Select(g => new { LinkId = g.Key, Total = g.Sum(c => c.Counts.Total) })
            .OrderByDescending(t => t.Total)
            .Take(k)
            .ToListAsync(ct);
        return [.. top.Select(t => (t.LinkId, t.Total))];
    }
}
