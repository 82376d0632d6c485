using System.Globalization;
using Hop.Clicks;
using Hop.Clicks.Stats;
using Hop.Data;
using Hop.Links;
using Microsoft.EntityFrameworkCore;

namespace Hop.Accounts;

/// <summary>
/// A user's own data: all of it as one document (<see cref="ExportAsync"/>), or gone with the account
/// (<see cref="DeleteAsync"/>); shared by the API and <c>hop users delete</c>.
/// </summary>
internal sealed class AccountData(HopDbContext db, ClicksDbContext clicks, TimeProvider time, ILogger<AccountData> logger)
{
    /// <summary>The export of <paramref name="userId"/>, with addresses made by <paramref name="addressOf"/>; null when there is no such user.</summary>
    public async Task<AccountExportResponse?> ExportAsync(long userId, Func<Link, Domains.LinkAddress> addressOf, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return null;
        }

        var now = Timestamps.Now(time);
        var links = await db.Links.AsNoTracking().Where(l => l.OwnerId == userId).OrderBy(l => l.Id).ToListAsync(ct);
        var ids = links.Select(l => l.Id).ToArray();
        // The hourly counters of the user's links, folded into days here: one user's rows, not the table's.
        var hours = ids.Length == 0 ? [] : await clicks.VisitCounts.AsNoTracking().Where(c => ids.Contains(c.LinkId)).ToListAsync(ct);
        var byLink = hours.ToLookup(c => c.LinkId);
        // Their route counters, summed per link and route by the database.
        var routes = ids.Length == 0 ? [] : await clicks.VisitRoutes.AsNoTracking().Where(r => ids.Contains(r.LinkId))
            .GroupBy(r => new { r.LinkId, r.Route })
            .Select(g => new { g.Key.LinkId, g.Key.Route, Visits = g.Sum(r => r.Count) })
            .ToListAsync(ct);
        var routesByLink = routes.ToLookup(r => r.LinkId, r => (r.Route, r.Visits));
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.UserId == userId).OrderBy(k => k.Id).ToListAsync(ct);
        var sessions = await db.RefreshTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.Id).ToListAsync(ct);
        return new AccountExportResponse
        {
            ExportedAt = now,
            Profile = UserResponse.From(user),
            Links =
            [
                .. links.Select(link =>
                    Export(link, byLink[link.Id], StatsRoutes.Of(routesByLink[link.Id]), addressOf(link), now)),
            ],
            ApiKeys = [.. keys.Select(KeyResponse.From)],
            Sessions = [.. sessions.Select(SessionResponse.From)],
        };
    }

    private static ExportedLink Export(
        Link link, IEnumerable<VisitCount> hours, StatsRoutes routes, Domains.LinkAddress address, DateTime now)
    {
        var days = new SortedDictionary<DateOnly, VisitorCounts>();
        foreach (var hour in hours)
        {
            var day = DateOnly.FromDateTime(hour.Hour);
            days[day] = days.GetValueOrDefault(day, VisitorCounts.None) + hour.Counts;
        }

        return new ExportedLink
        {
            Link = LinkResponse.From(link, address, now),
            Visits = days.Values.Aggregate(VisitorCounts.None, (sum, day) => sum + day),
            Daily = [.. days.Select(d => new ExportedDay(d.Value) { Day = d.Key })],
            Rules = routes.Rules,
            Variants = routes.Variants,
        };
    }

    /// <summary>
    /// Deletes the user and everything they own: their API keys, refresh tokens, invites and idempotency
    /// records go, and their links become tombstones in one statement (deleted, no owner, title, tags or
    /// password; the row stays so that its code is never handed out again) that answer 410. Then their
    /// visits and counters go from the clicks database, which may be another one. The caller drops
    /// <see cref="AccountDeletionResult.Codes"/> from the caches, since no save reports these changes.
    /// </summary>
    public async Task<AccountDeletionResult> DeleteAsync(long userId, string by, CancellationToken ct)
    {
        var now = Timestamps.Now(time);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return new AccountDeletionResult(AccountDeletionStatus.NotFound, []);
        }

        if (user.Role == Roles.Admin
            && !await db.Users.AnyAsync(u => u.Id != userId && u.Role == Roles.Admin && u.DisabledAt == null, ct))
        {
            return new AccountDeletionResult(AccountDeletionStatus.LastAdmin, []);
        }

        var links = await db.Links.AsNoTracking().Where(l => l.OwnerId == userId).Select(l => new { l.Id, l.Code }).ToListAsync(ct);
        await db.Links.Where(l => l.OwnerId == userId).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.DeletedAt, l => l.DeletedAt ?? now)
            .SetProperty(l => l.OwnerId, (long?)null)
            .SetProperty(l => l.Title, (string?)null)
            .SetProperty(l => l.Tags, new List<string>())
            .SetProperty(l => l.PasswordHash, (string?)null)
            .SetProperty(l => l.UpdatedAt, now)
            .SetProperty(l => l.Version, l => l.Version + 1), ct);
        await db.ApiKeys.Where(k => k.UserId == userId).ExecuteDeleteAsync(ct);
        await db.RefreshTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
        await db.Invites.Where(i => i.CreatedByUserId == userId).ExecuteDeleteAsync(ct);
        var scope = userId.ToString(CultureInfo.InvariantCulture);
        await db.IdempotencyRecords.Where(r => r.Scope == scope).ExecuteDeleteAsync(ct);
        await db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);

        var ids = links.Select(l => l.Id).ToArray();
        var visits = ids.Length == 0 ? 0 : await DeleteVisitsAsync(ids, ct);
        await DeleteAccountCountersAsync(userId, ct);
        AccountsLog.AccountDeleted(logger, userId, user.Username, links.Count, visits, by);
        return new AccountDeletionResult(AccountDeletionStatus.Deleted, [.. links.Select(l => l.Code)]);
    }

    /// <summary>Raw visits are found by link without an index of their own: a rare delete scans what retention keeps.</summary>
    private async Task<int> DeleteVisitsAsync(long[] ids, CancellationToken ct)
    {
        var visits = await clicks.Visits.Where(v => ids.Contains(v.LinkId)).ExecuteDeleteAsync(ct);
        await clicks.VisitCounts.Where(c => ids.Contains(c.LinkId)).ExecuteDeleteAsync(ct);
        await clicks.VisitProfiles.Where(p => ids.Contains(p.LinkId)).ExecuteDeleteAsync(ct);
        await clicks.DailyVisitors.Where(v => ids.Contains(v.LinkId)).ExecuteDeleteAsync(ct);
        await clicks.VisitRoutes.Where(r => ids.Contains(r.LinkId)).ExecuteDeleteAsync(ct);
        await clicks.LinkDays.Where(d => ids.Contains(d.LinkId)).ExecuteDeleteAsync(ct);
        await clicks.LinkDimensionDays.Where(d => ids.Contains(d.LinkId)).ExecuteDeleteAsync(ct);
        await clicks.LinkDimensionHours.Where(d => ids.Contains(d.LinkId)).ExecuteDeleteAsync(ct);
        await clicks.LinkVisitorDays.Where(d => ids.Contains(d.LinkId)).ExecuteDeleteAsync(ct);
        return visits;
    }

    /// <summary>The account-wide counters of the user's links (<see cref="StatsAccount"/>). Those of
    /// <see cref="StatsAccount.AllLinks"/> keep counting the visits, as they keep counting pruned ones.</summary>
    private async Task DeleteAccountCountersAsync(long userId, CancellationToken ct)
    {
        await clicks.AccountCounts.Where(c => c.AccountId == userId).ExecuteDeleteAsync(ct);
        await clicks.AccountDimensions.Where(d => d.AccountId == userId).ExecuteDeleteAsync(ct);
        await clicks.AccountDimensionDays.Where(d => d.AccountId == userId).ExecuteDeleteAsync(ct);
        await clicks.AccountVisitorDays.Where(d => d.AccountId == userId).ExecuteDeleteAsync(ct);
    }
}
