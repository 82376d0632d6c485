using Hop.Data;
using Microsoft.EntityFrameworkCore;

namespace Hop.Clicks.Stats;

/// <summary>Links' exact totals over a window: their daily counters for its compacted whole days and
/// their hourly ones for its other hours.</summary>
internal static class LinkWindowTotals
{
    /// <param name="ownerId">When set, only the visits counted for that owner (<see cref="LinkDay.OwnerId"/>,
    /// <see cref="VisitCount.OwnerId"/>), as the owner's account counters count them. Sums are read per
    /// link and owner and the owner picked here: a filter on the owner in SQL would lead SQLite to the
    /// (owner, day, total) index and through every row of the owner's days instead of the links' keys.</param>
    public static async Task<Dictionary<long, long>> OfAsync(
        ClicksDbContext db, long[] linkIds, long? ownerId, WindowSplit split, CancellationToken ct)
    {
        var totals = new Dictionary<long, long>(linkIds.Length);
        if (linkIds.Length == 0)
        {
            return totals;
        }

        void Add(long linkId, long? owner, long total)
        {
            if (ownerId is null || owner == ownerId)
            {
                totals[linkId] = totals.GetValueOrDefault(linkId) + total;
            }
        }

        if (split.Days is { } days)
        {
            var sums = await db.LinkDays.AsNoTracking()
                .Where(d => linkIds.Contains(d.LinkId) && d.Day >= days.First && d.Day <= days.Last)
                .GroupBy(d => new { d.LinkId, d.OwnerId })
                .Select(g => new { g.Key.LinkId, g.Key.OwnerId, Total = g.Sum(d => d.Total) })
                .ToListAsync(ct);
            foreach (var sum in sums)
            {
                Add(sum.LinkId, sum.OwnerId, sum.Total);
            }
        }

        foreach (var range in split.OtherHours)
        {
            var sums = await db.VisitCounts.AsNoTracking()
                .Where(c => linkIds.Contains(c.LinkId) && c.Hour >= range.From && c.Hour < range.To)
                .GroupBy(c => new { c.LinkId, c.OwnerId })
                .Select(g => new { g.Key.LinkId, g.Key.OwnerId, Total = g.Sum(c => c.Counts.Total) })
                .ToListAsync(ct);
            foreach (var sum in sums)
            {
                Add(sum.LinkId, sum.OwnerId, sum.Total);
            }
        }

        return totals;
    }
}
