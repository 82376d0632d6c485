using Hop.Data;
using Hop.Links;
using Microsoft.EntityFrameworkCore;

namespace Hop.Redirects;

/// <summary>
/// The exact path for links with a visit limit: one atomic conditional increment, so concurrent
/// redirects on any number of instances never overshoot <see cref="Link.MaxVisits"/>.
/// </summary>
internal static class VisitLimit
{
    /// <summary>Counts one visit; false when the limit is already reached (the caller answers 410).</summary>
    public static async Task<bool> TryCountAsync(HopDbContext db, long linkId, CancellationToken ct) =>
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE links SET visit_count = visit_count + 1 WHERE id = {linkId} AND visit_count < max_visits",
            ct) == 1;
}
