using System.Collections.Concurrent;
using System.Text.Json;
using BitFaster.Caching.Lfu;
using Hop.Domains;
using Hop.Hosting;
using Hop.Links;
using Hop.Observability;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hop.Redirects;

/// <summary>
/// Links by domain and code (<see cref="LinkKey"/>), the one way in for a redirect: <see cref="GetOrLoadAsync"/>
/// (or <see cref="TryGetFresh"/>, then <see cref="LoadAsync"/> on a miss, for a caller that sheds misses) looks in an in-process L1
/// with frequency-aware eviction and aging (W-TinyLFU, bounded by <see cref="CacheOptions.MaxEntries"/>),
/// then in an optional Redis L2 shared by every instance, then in the database, and remembers what it
/// found at each level it missed; unknown codes are remembered too, briefly. Writers never call it:
/// every committed change to a link reaches <see cref="Set"/> (a new link, written through) or
/// <see cref="Invalidate"/> (a changed or deleted one) from <see cref="LinkCachePublisher"/>, and the
/// key is then published on a Redis channel so that every instance drops it from its L1. Redis is
/// never required: when it is down the L2 is skipped, invalidations wait to be published on reconnect,
/// and each instance clears its L1 once it is back, since it may have missed messages meanwhile.
/// </summary>
internal sealed partial class LinkCache : IHostedService, IAsyncDisposable
{
    public const string KeyPrefix = "hop:link:";
    public static readonly RedisChannel Channel = RedisChannel.Literal("hop:link-invalidations");

    private readonly ConcurrentLfu<LinkKey, Entry> _l1;
    private readonly CacheOptions _options;
    private readonly TimeProvider _time;
    private readonly HopMetrics _metrics;
    private readonly LinkReader _reader;
    private readonly DomainTable _domains;
    private readonly ILogger<LinkCache> _logger;
    private readonly long _ttlTicks;
    private readonly long _negativeTtlTicks;
    private readonly string _instance = Guid.NewGuid().ToString("N")[..12];
    private readonly ConcurrentQueue<LinkKey> _unpublished = new();
    private readonly CancellationTokenSource _stopping = new();
    private ConnectionMultiplexer? _redis;
    private Task _connecting = Task.CompletedTask;
    private volatile bool _listening;

    /// <summary>Bumped by every invalidation, so a read that raced with one does not store what it read.</summary>
    private long _generation;

    public LinkCache(
        IOptions<CacheOptions> options, LinkReader reader, DomainTable domains, TimeProvider time, HopMetrics metrics, ILogger<LinkCache> logger)
    {
        _options = options.Value;
        _reader = reader;
        _domains = domains;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _l1 = new ConcurrentLfu<LinkKey, Entry>(_options.MaxEntries);
        _ttlTicks = (long)(_options.Ttl.TotalSeconds * time.TimestampFrequency);
        _negativeTtlTicks = (long)(_options.NegativeTtl.TotalSeconds * time.TimestampFrequency);
        metrics.ObserveL1Entries(() => _l1.Count);
    }

    public bool RedisConfigured => !string.IsNullOrEmpty(_options.Redis);

    /// <summary>The Redis connection once it has been made (it may be down right now); null without Redis.</summary>
    public IConnectionMultiplexer? Redis => _redis;

    /// <summary>True once this instance is subscribed to the invalidation channel.</summary>
    public bool Listening => _listening;

    /// <summary>
    /// The link with this key, or null when no link has it; the code must be well formed. An L1 hit
    /// completes synchronously and allocates nothing; only a miss awaits.
    /// </summary>
    public ValueTask<CachedLink?> GetOrLoadAsync(LinkKey key, CancellationToken ct) =>
        TryGetFresh(key, out var link) ? new ValueTask<CachedLink?>(link) : LoadAsync(key, ct);

    /// <summary>The L1 hit path alone: true with the link (null when the cache knows no link has this
    /// key), false on a miss, which <see cref="LoadAsync"/> then resolves.</summary>
    public bool TryGetFresh(LinkKey key, out CachedLink? link)
    {
        if (_l1.TryGet(key, out var entry) && _time.GetTimestamp() < entry.FreshUntil)
        {
            _metrics.L1Hit();
            link = entry.Link;
            return true;
        }

        _metrics.L1Miss();
        link = null;
        return false;
    }

    /// <summary>A miss: Redis when configured, then the database; remembers what it found.</summary>
    public async ValueTask<CachedLink?> LoadAsync(LinkKey key, CancellationToken ct)
    {
        // Read before the levels below, so that an invalidation racing with this miss wins.
        var generation = Volatile.Read(ref _generation);
        if (RedisConfigured)
        {
            var (found, shared) = await TryGetSharedAsync(key);
            if (found)
            {
                Remember(key, shared, generation, fromDatabase: false);
                return shared;
            }
        }

        _metrics.DbRead();
        var link = await _reader.ReadAsync(key, ct);
        Remember(key, link, generation, fromDatabase: true);
        return link;
    }

    /// <summary>Looks in Redis; Found is false on a miss and whenever Redis cannot answer.</summary>
    private async ValueTask<(bool Found, CachedLink? Link)> TryGetSharedAsync(LinkKey key)
    {
        if (_redis is not { IsConnected: true } redis)
        {
            if (RedisConfigured)
            {
                _metrics.L2Error();
            }

            return (false, null);
        }

        try
        {
            var value = await redis.GetDatabase().StringGetAsync(KeyPrefix + key.ToString());
            if (value.IsNull)
            {
                _metrics.L2Miss();
                return (false, null);
            }

            _metrics.L2Hit();
            var bytes = (ReadOnlyMemory<byte>)value;
            return (true, bytes.IsEmpty ? null : JsonSerializer.Deserialize(bytes.Span, HopJsonContext.Default.CachedLink));
        }
        catch (Exception e) when (e is RedisException or TimeoutException or JsonException)
        {
            _metrics.L2Error();
            RedisReadFailed(_logger, e.GetType().Name);
            return (false, null);
        }
    }

    /// <summary>
    /// Stores what a miss found (null = no such link) in L1, and in Redis too when it came from the
    /// database, unless an invalidation ran since <paramref name="generation"/> was read.
    /// </summary>
    private void Remember(LinkKey key, CachedLink? link, long generation, bool fromDatabase)
    {
        if (Volatile.Read(ref _generation) != generation)
        {
            return;
        }

        _l1.AddOrUpdate(key, NewEntry(link));
        if (fromDatabase)
        {
            WriteShared(key, link);
        }
    }

    /// <summary>Write-through after a create: every level holds the new link, and no instance keeps a
    /// not-found answer for its code.</summary>
    public void Set(Link link)
    {
        var key = new LinkKey(link.DomainId, link.Code);
        var cached = CachedLink.From(link);
        Interlocked.Increment(ref _generation);
        _l1.AddOrUpdate(key, NewEntry(cached));
        WriteShared(key, cached);
        Publish(key);
    }

    /// <summary>Drops <paramref name="key"/> everywhere: this L1, Redis, and (through the channel) every
    /// other instance's L1 within about a second. A change made with raw SQL, which no save reports,
    /// calls it itself.</summary>
    public void Invalidate(LinkKey key)
    {
        Interlocked.Increment(ref _generation);
        _l1.TryRemove(key);
        if (_redis is { IsConnected: true } redis)
        {
            try
            {
                redis.GetDatabase().KeyDelete(KeyPrefix + key.ToString(), CommandFlags.FireAndForget);
            }
            catch (RedisException)
            {
                // The key expires on its own; the published message still clears the L1 copies.
            }
        }

        Publish(key);
    }

    /// <summary><see cref="Invalidate(LinkKey)"/> for a code on every domain: for changes made with raw
    /// SQL that reports codes without their domain.</summary>
    public void Invalidate(string code)
    {
        foreach (var domain in _domains.All)
        {
            Invalidate(new LinkKey(domain.Id, code));
        }
    }

    /// <summary><see cref="Invalidate(LinkKey)"/> for a link.</summary>
    public void Invalidate(Link link) => Invalidate(new LinkKey(link.DomainId, link.Code));

    private void Publish(LinkKey key)
    {
        if (!RedisConfigured)
        {
            return;
        }

        if (_redis is { IsConnected: true } redis)
        {
            try
            {
                redis.GetSubscriber().Publish(Channel, _instance + ":" + key.ToString(), CommandFlags.FireAndForget);
                return;
            }
            catch (RedisException)
            {
            }
        }

        // Sent once Redis is back; until then other instances rely on their TTL or on the clear they
        // do themselves when they reconnect.
        _unpublished.Enqueue(key);
    }

    private void WriteShared(LinkKey key, CachedLink? link)
    {
        if (_redis is not { IsConnected: true } redis)
        {
            return;
        }

        try
        {
            var value = link is null ? [] : JsonSerializer.SerializeToUtf8Bytes(link, HopJsonContext.Default.CachedLink);
            var ttl = link is null ? _options.NegativeTtl : _options.RedisTtl;
            redis.GetDatabase().StringSet(KeyPrefix + key.ToString(), value, ttl, When.Always, CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
        }
    }

    private Entry NewEntry(CachedLink? link) =>
        new(link, _time.GetTimestamp() + (link is null ? _negativeTtlTicks : _ttlTicks));

    private void OnInvalidation(RedisChannel channel, RedisValue message)
    {
        var text = (string?)message;
        var separator = text?.IndexOf(':') ?? -1;
        if (text is null || separator < 0 || text.AsSpan(0, separator).SequenceEqual(_instance)
            || !LinkKey.TryParse(text.AsSpan(separator + 1), out var key))
        {
            return;
        }

        Interlocked.Increment(ref _generation);
        _l1.TryRemove(key);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (RedisConfigured)
        {
            _connecting = Task.Run(() => ConnectAsync(_stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _connecting.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task ConnectAsync(CancellationToken ct)
    {
        var config = ConfigurationOptions.Parse(_options.Redis!);
        config.AbortOnConnectFail = false;
        // A command while disconnected fails at once instead of waiting in a queue: redirects must
        // not wait for Redis.
        config.BacklogPolicy = BacklogPolicy.FailFast;
        config.ConnectTimeout = Math.Min(config.ConnectTimeout, 2000);
        config.AsyncTimeout = Math.Min(config.AsyncTimeout, 500);
        config.SyncTimeout = Math.Min(config.SyncTimeout, 500);
        config.ReconnectRetryPolicy = new LinearRetry(500);
        config.ClientName ??= "hop";

        ConnectionMultiplexer redis;
        try
        {
            redis = await ConnectionMultiplexer.ConnectAsync(config);
        }
        catch (Exception e) when (e is RedisException or ArgumentException)
        {
            RedisUnusable(_logger, e.Message);
            return;
        }

        redis.ConnectionFailed += (_, e) => RedisDown(_logger, e.ConnectionType, e.FailureType);
        redis.ConnectionRestored += (_, e) =>
        {
            Interlocked.Increment(ref _generation);
            _l1.Clear();
            RedisBack(_logger, e.ConnectionType);
            FlushUnpublished();
        };
        _redis = redis;

        while (!ct.IsCancellationRequested)
        {
            try
            {
                await redis.GetSubscriber().SubscribeAsync(Channel, OnInvalidation);
                _listening = true;
                break;
            }
            catch (RedisException)
            {
                await Task.Delay(500, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        FlushUnpublished();
    }

    private void FlushUnpublished()
    {
        var count = _unpublished.Count;
        for (var i = 0; i < count && _unpublished.TryDequeue(out var key); i++)
        {
            Publish(key);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Cancelled, not disposed: the host may still call StopAsync after disposing its services.
        await _stopping.CancelAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    /// <summary>
    /// <see cref="Invalidate(LinkKey)"/> for a process without a cache of its own (a CLI verb): deletes the keys
    /// from Redis and publishes them to every instance, waiting until Redis has taken each. Without
    /// Redis there is no channel, and running instances keep an L1 copy for up to <see cref="CacheOptions.Ttl"/>.
    /// </summary>
    public static Task InvalidateEverywhereAsync(string redisConfiguration, IReadOnlyCollection<string> codes, IReadOnlyCollection<long> domainIds) =>
        InvalidateEverywhereAsync(redisConfiguration, [.. codes.SelectMany(code => domainIds.Select(id => new LinkKey(id, code)))]);

    /// <summary>The same for known keys.</summary>
    public static async Task InvalidateEverywhereAsync(string redisConfiguration, IReadOnlyCollection<LinkKey> keys)
    {
        if (keys.Count == 0)
        {
            return;
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisConfiguration);
        var database = redis.GetDatabase();
        var subscriber = redis.GetSubscriber();
        foreach (var key in keys)
        {
            await database.KeyDeleteAsync(KeyPrefix + key.ToString());
            await subscriber.PublishAsync(Channel, "cli:" + key.ToString());
        }
    }

    private sealed class Entry(CachedLink? link, long freshUntil)
    {
        public CachedLink? Link { get; } = link;
        public long FreshUntil { get; } = freshUntil;
    }

    [LoggerMessage(EventId = 600, Level = LogLevel.Warning, Message = "Redis connection lost ({ConnectionType}: {FailureType}); serving from L1 and the database")]
    private static partial void RedisDown(ILogger logger, ConnectionType connectionType, ConnectionFailureType failureType);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Redis connection restored ({ConnectionType}); L1 cleared")]
    private static partial void RedisBack(ILogger logger, ConnectionType connectionType);

    [LoggerMessage(EventId = 602, Level = LogLevel.Debug, Message = "Redis read failed ({Error}); falling back to the database")]
    private static partial void RedisReadFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 603, Level = LogLevel.Error, Message = "Cache:Redis cannot be used: {Reason}")]
    private static partial void RedisUnusable(ILogger logger, string reason);
}
