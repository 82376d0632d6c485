using Hop.Data;
using Microsoft.EntityFrameworkCore;

namespace Hop.Clicks.Stats;

/// <summary>All-time visits of a page of links, for a listing's clicks column.</summary>
internal static class ClickTotals
{
    /// <summary>
    /// Each link's visits (all classes), summed from the hourly counters in one query that reads only the
    /// listed links' key ranges; a link without visits is absent.
    /// </summary>
    public static async Task<Dictionary<long, long>> OfAsync(ClicksDbContext db, IReadOnlyCollection<long> linkIds, CancellationToken ct)
    {
        if (linkIds.Count == 0)
        {
            return [];
        }

        var ids = linkIds.ToArray();
        return await db.VisitCounts.AsNoTracking()
            .Where(c => ids.Contains(c.LinkId))
            .GroupBy(c => c.LinkId)
            .Select(g => new { LinkId = g.Key, Total = g.Sum(c => c.Counts.Total) })
            .ToDictionaryAsync(t => t.LinkId, t => t.Total, ct);
    }
}
