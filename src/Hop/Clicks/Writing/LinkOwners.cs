using BitFaster.Caching.Lru;
using Hop.Data;
using Microsoft.EntityFrameworkCore;

namespace Hop.Clicks.Writing;

/// <summary>
/// The owner of each link a write counts for (<see cref="StatsAccount"/>), read from the links database
/// (<see cref="HopDbContext"/>; in <c>hop worker</c> too) for the links not remembered, a chunk of ids
/// per query. Remembers <see cref="CachedLinks"/> links for <see cref="TimeToLive"/>: an owner rarely
/// changes (a deleted account's links lose theirs, and answer 410 from then on).
/// </summary>
internal sealed class LinkOwners(IServiceScopeFactory scopes)
{
    public const int CachedLinks = 100_000;
    public static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(5);

    /// <summary>Ids per query, well under either database's limit of parameters.</summary>
    private const int Chunk = 1_000;

    private readonly ConcurrentTLru<long, long?> _owners = new(CachedLinks, TimeToLive);

    /// <summary>The owner of every link of <paramref name="linkIds"/> (null for none, or no such link).</summary>
    public async Task<IReadOnlyDictionary<long, long?>> OfAsync(IEnumerable<long> linkIds, CancellationToken ct)
    {
        var owners = new Dictionary<long, long?>();
        var missing = new List<long>();
        foreach (var id in linkIds)
        {
            if (owners.ContainsKey(id))
            {
                continue;
            }

            if (_owners.TryGet(id, out var owner))
            {
                owners[id] = owner;
            }
            else
            {
                owners[id] = null;
                missing.Add(id);
            }
        }

        if (missing.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HopDbContext>();
            foreach (var chunk in missing.Chunk(Chunk))
            {
                var found = await db.Links.AsNoTracking().Where(l => chunk.Contains(l.Id))
                    .Select(l => new { l.Id, l.OwnerId }).ToListAsync(ct);
                foreach (var link in found)
                {
                    owners[link.Id] = link.OwnerId;
                }
            }

            foreach (var id in missing)
            {
                _owners.AddOrUpdate(id, owners[id]);
            }
        }

        return owners;
    }
}
