using Hop.Data;
using Microsoft.EntityFrameworkCore;

namespace Hop.Clicks.Stats;

/// <summary>Links' exact totals over a window: their daily counters for its compacted whole days and
/// their hourly ones for its other hours.</summary>
internal static class LinkWindowTotals
{
    /// <param name="ownerId">When set, only the visits counted for that owner (<see cref="LinkDay.OwnerId"/>,
    /// <see cref="VisitCount.OwnerId"/>), as the owner's account counters count them.</param>
    public static async Task<Dictionary<long, long>> OfAsync(
        ClicksDbContext db, long[] linkIds, long? ownerId, WindowSplit split, CancellationToken ct)
    {
        var totals = new Dictionary<long, long>(linkIds.Length);
        if (linkIds.Length == 0)
        {
            return totals;
        }

        if (split.Days is { } days)
        {
            var daily = db.LinkDays.AsNoTracking()
                .Where(d => linkIds.Contains(d.LinkId) && d.Day >= days.First && d.Day <= days.Last);
            if (ownerId is { } owner)
            {
                daily = daily.Where(d => d.OwnerId == owner);
            }

            var sums = await daily.GroupBy(d => d.LinkId).Select(g => new { LinkId = g.Key, Total = g.Sum(d => d.Total) }).ToListAsync(ct);
            foreach (var sum in sums)
            {
                totals[sum.LinkId] = sum.Total;
            }
        }

        foreach (var range in split.OtherHours)
        {
            var hourly = db.VisitCounts.AsNoTracking()
                .Where(c => linkIds.Contains(c.LinkId) && c.Hour >= range.From && c.Hour < range.To);
            if (ownerId is { } owner)
            {
                hourly = hourly.Where(c => c.OwnerId == owner);
            }

            var sums = await hourly.GroupBy(c => c.LinkId).Select(g => new { LinkId = g.Key, Total = g.Sum(c => c.Counts.Total) }).ToListAsync(ct);
            foreach (var sum in sums)
            {
                totals[sum.LinkId] = totals.GetValueOrDefault(sum.LinkId) + sum.Total;
            }
        }

        return totals;
    }
}
