using Hop.Accounts;
using Hop.Data;
using Microsoft.EntityFrameworkCore;

namespace Hop.Safety.Blocklist;

/// <summary>Pages of blocklist entries, optionally those whose value contains a search term, for the API and the admin page.</summary>
internal static class BlocklistListing
{
    /// <summary>
    /// Up to <paramref name="take"/> entries after (oldest first) or before (newest first) the id
    /// <paramref name="cursor"/>; <see cref="Page{T}.Next"/> is the cursor of the following page.
    /// </summary>
    public static async Task<Page<BlocklistEntry>> ListAsync(
        HopDbContext db, string? search, long? cursor, int take, bool newestFirst, CancellationToken ct)
    {
        var query = db.Blocklist.AsNoTracking();
        if (cursor is { } id)
        {
            query = newestFirst ? query.Where(e => e.Id < id) : query.Where(e => e.Id > id);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(e => e.Value.Contains(term));
        }

        query = newestFirst ? query.OrderByDescending(e => e.Id) : query.OrderBy(e => e.Id);
        var entries = await query.Take(take + 1).ToListAsync(ct);
        return new Page<BlocklistEntry>
        {
            Items = entries.Take(take).ToList(),
            Next = entries.Count > take ? entries[take - 1].Id : null,
        };
    }

    public static Task<BlocklistEntry?> FindAsync(HopDbContext db, long id, CancellationToken ct) =>
        db.Blocklist.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
}
