using System.Threading.RateLimiting;
using Hop.Redirects;
using StackExchange.Redis;

namespace Hop.Accounts;

/// <summary>
/// Rate limits shared by every instance through Redis (the cache's connection, <see cref="LinkCache.Redis"/>),
/// so that requests spread over several instances are limited as one: a sliding window per partition key,
/// counted in two fixed windows (this one and the last) and estimated as the last one's count, weighted
/// by the share of it still inside the sliding window, plus this one's. The count and the check are one
/// Lua script, so instances never race past the limit. While Redis is down or slow, each partition
/// falls back to its in-process fixed window (<see cref="SharedWindowLimiter"/>): per instance again,
/// never unlimited.
/// </summary>
internal sealed partial class SharedRateLimits(LinkCache cache, TimeProvider time, ILogger<SharedRateLimits> logger)
{
    public const string KeyPrefix = "hop:ratelimit:";

    /// <summary>KEYS: this window's counter, the last one's; ARGV: limit, window ms, share of this window
    /// gone (0..1). Returns this window's count after taking a permit, or -1 when refused.</summary>
    private static readonly LuaScript Take = LuaScript.Prepare("""
        local last = tonumber(redis.call('GET', @last) or '0')
        local now = tonumber(redis.call('GET', @current) or '0')
        if last * (1 - tonumber(@gone)) + now + 1 > tonumber(@limit) then
          return -1
        end
        now = redis.call('INCR', @current)
        if now == 1 then
          redis.call('PEXPIRE', @current, tonumber(@windowMs) * 2)
        end
        return now
        """);

    /// <summary>Whether Redis can answer now; without it, the limits are each instance's own.</summary>
    public bool Shared => cache.Redis is { IsConnected: true };

    /// <summary>Takes one permit of <paramref name="key"/>'s sliding window; null when Redis could not say.</summary>
    public async Task<(bool Allowed, TimeSpan RetryAfter)?> TryTakeAsync(string key, int permits, TimeSpan window)
    {
        if (cache.Redis is not { IsConnected: true } redis)
        {
            return null;
        }

        var windowMs = (long)window.TotalMilliseconds;
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var index = nowMs / windowMs;
        var gone = (double)(nowMs % windowMs) / windowMs;
        try
        {
            var taken = (long)await redis.GetDatabase().ScriptEvaluateAsync(Take, new
            {
                current = (RedisKey)$"{KeyPrefix}{key}:{index}",
                last = (RedisKey)$"{KeyPrefix}{key}:{index - 1}",
                limit = permits,
                windowMs,
                gone,
            });
            return (taken >= 0, TimeSpan.FromMilliseconds(windowMs - nowMs % windowMs));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            RedisFailed(logger, key, e.GetType().Name);
            return null;
        }
    }

    /// <summary>A partition of the standard rate limiter: shared through Redis when it is up, this
    /// instance's own fixed window when it is not.</summary>
    public RateLimitPartition<string> Partition(string key, int permits, TimeSpan window) =>
        RateLimitPartition.Get(key, k => new SharedWindowLimiter(k, permits, window, this));

    [LoggerMessage(EventId = 860, Level = LogLevel.Warning,
        Message = "Rate limit {Key}: Redis did not answer ({Error}); this instance's own limit applies")]
    private static partial void RedisFailed(ILogger logger, string key, string error);
}

/// <summary>
/// One partition's limiter. The rate-limiting middleware first tries <see cref="RateLimiter.AttemptAcquire"/>,
/// which cannot wait for Redis: while Redis is up it answers "not yet", and the middleware then asks
/// <see cref="RateLimiter.AcquireAsync"/>, which takes the permit in Redis. When Redis is down, or fails
/// to answer, both use the in-process fixed window.
/// </summary>
internal sealed class SharedWindowLimiter(string key, int permits, TimeSpan window, SharedRateLimits shared) : RateLimiter
{
    private readonly FixedWindowRateLimiter _local = new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = permits,
        Window = window,
        QueueLimit = 0,
        AutoReplenishment = true,
    });

    public override TimeSpan? IdleDuration => _local.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => _local.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        permitCount > 0 && shared.Shared ? SharedLease.NotYet : _local.AttemptAcquire(permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (permitCount > 0 && await shared.TryTakeAsync(key, permits, window) is { } verdict)
        {
            return verdict.Allowed ? SharedLease.Granted : new SharedLease(false, verdict.RetryAfter);
        }

        return await _local.AcquireAsync(permitCount, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _local.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class SharedLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly SharedLease Granted = new(true, null);
        public static readonly SharedLease NotYet = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
