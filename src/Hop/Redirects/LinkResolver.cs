using Hop.Observability;

namespace Hop.Redirects;

/// <summary>
/// Finds a link by code: L1, then Redis, then the database. An L1 hit completes synchronously and
/// allocates nothing; only a miss awaits.
/// </summary>
internal sealed class LinkResolver(LinkCache cache, LinkReader reader, HopMetrics metrics)
{
    /// <summary>The link, or null when no link has this code. <paramref name="code"/> must be well formed.</summary>
    public ValueTask<CachedLink?> ResolveAsync(string code, CancellationToken ct) =>
        cache.TryGetLocal(code, out var link) ? new ValueTask<CachedLink?>(link) : ResolveMissAsync(code, ct);

    private async ValueTask<CachedLink?> ResolveMissAsync(string code, CancellationToken ct)
    {
        var generation = cache.Generation;
        if (cache.RedisConfigured)
        {
            var (found, shared) = await cache.TryGetSharedAsync(code);
            if (found)
            {
                cache.Remember(code, shared, generation, fromDatabase: false);
                return shared;
            }
        }

        metrics.DbRead();
        var link = await reader.ReadAsync(code, ct);
        cache.Remember(code, link, generation, fromDatabase: true);
        return link;
    }
}
