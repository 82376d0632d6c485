using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Hop.Hosting;
using StackExchange.Redis;

namespace Hop.Clicks.Writing;

/// <summary>
/// The last step of a batch: the <see cref="ClickBatchWriter"/> publishes the committed visits here, and
/// each link's live-stats subscribers (the stats API's event stream) get one <see cref="LiveVisits"/>. A
/// slow subscriber loses its oldest messages rather than holding up the writer.
///
/// With <c>Cache:Redis</c> set, the feed spans every instance and <c>hop worker</c>: each instance keeps
/// the links its subscribers watch in a Redis sorted set (<see cref="WatchedKey"/>, each entry expiring
/// unless refreshed), a writer publishes the counts of the watched links of each batch on
/// <see cref="Channel"/>, and every other instance hands them to its own subscribers. The writer never
/// waits on Redis, and without Redis each instance's feed is its own.
/// </summary>
internal sealed partial class ClickLiveFeed(IConfiguration configuration, TimeProvider time, ILogger<ClickLiveFeed> logger)
    : IHostedService, IAsyncDisposable
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("hop:live-visits");
    public const string WatchedKey = "hop:live:watched";

    /// <summary>How long a watched link stays in <see cref="WatchedKey"/> without a refresh.</summary>
    public static readonly TimeSpan WatchFor = TimeSpan.FromSeconds(60);

    private const int SubscriberBuffer = 64;
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(20);

    private readonly string? _redisConfiguration = configuration[$"{Hop.Redirects.CacheOptions.Section}:Redis"] is { Length: > 0 } r ? r : null;
    private readonly string _origin = Guid.NewGuid().ToString("N");
    private readonly Lock _lock = new();
    private readonly Dictionary<long, List<Channel<LiveVisits>>> _subscribers = [];
    private readonly CancellationTokenSource _stopping = new();
    private ConnectionMultiplexer? _redis;
    private Task? _running;
    private bool _disposed;

    public Subscription Subscribe(long linkId)
    {
        var channel = System.Threading.Channels.Channel.CreateBounded<LiveVisits>(new BoundedChannelOptions(SubscriberBuffer)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_lock)
        {
            if (!_subscribers.TryGetValue(linkId, out var list))
            {
                _subscribers[linkId] = list = [];
            }

            list.Add(channel);
        }

        _ = WatchAsync([linkId]);
        return new Subscription(this, linkId, channel);
    }

    public void Publish(IReadOnlyList<EnrichedVisit> stored, DateTimeOffset committedAt)
    {
        HashSet<long> watchedHere;
        lock (_lock)
        {
            watchedHere = [.. _subscribers.Keys];
        }

        if (watchedHere.Count > 0)
        {
            foreach (var (linkId, visits) in Messages(stored, committedAt, watchedHere.Contains))
            {
                Deliver(linkId, visits);
            }
        }

        if (_redis is { IsConnected: true })
        {
            _ = RelayAsync(stored, committedAt);
        }
    }

    private static IEnumerable<(long LinkId, LiveVisits Visits)> Messages(
        IReadOnlyList<EnrichedVisit> stored, DateTimeOffset committedAt, Func<long, bool> wanted) =>
        stored.Where(v => wanted(v.LinkId)).GroupBy(v => v.LinkId)
            .Select(g => (g.Key, new LiveVisits(VisitorCounts.Of(g.Select(v => v.Agent.Class))) { CommittedAt = committedAt }));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_redisConfiguration is not null)
        {
            _running = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host stopped and then disposed stops its services again, after the container disposed this one.
        if (_disposed)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_running is not null)
        {
            await _running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stopping.CancelAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        _stopping.Dispose();
    }

    /// <summary>Connects (retrying in the background while Redis is down), listens to the other
    /// instances, and refreshes this instance's watched links until stopped.</summary>
    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            var options = ConfigurationOptions.Parse(_redisConfiguration!);
            options.AbortOnConnectFail = false;
            _redis = await ConnectionMultiplexer.ConnectAsync(options);
            // Once subscribed, the client subscribes again by itself after a reconnect.
            while (true)
            {
                try
                {
                    await _redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => Received(message));
                    break;
                }
                catch (RedisException e)
                {
                    RelayFailed(logger, e.GetType().Name);
                    await Task.Delay(TimeSpan.FromSeconds(1), time, ct);
                }
            }

            using var timer = new PeriodicTimer(RefreshEvery, time);
            do
            {
                long[] watched;
                lock (_lock)
                {
                    watched = [.. _subscribers.Keys];
                }

                await WatchAsync(watched);
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is RedisException or ArgumentException)
        {
            RelayUnavailable(logger, e.Message);
        }
    }

    /// <summary>Marks <paramref name="linkIds"/> as watched for <see cref="WatchFor"/> more.</summary>
    private async Task WatchAsync(long[] linkIds)
    {
        if (linkIds.Length == 0 || _redis is not { IsConnected: true } redis)
        {
            return;
        }

        var until = time.GetUtcNow().Add(WatchFor).ToUnixTimeMilliseconds();
        try
        {
            var db = redis.GetDatabase();
            await db.SortedSetAddAsync(WatchedKey, [.. linkIds.Select(id => new SortedSetEntry(id.ToString(CultureInfo.InvariantCulture), until))]);
            await db.SortedSetRemoveRangeByScoreAsync(WatchedKey, double.NegativeInfinity, time.GetUtcNow().ToUnixTimeMilliseconds());
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            RelayFailed(logger, e.GetType().Name);
        }
    }

    /// <summary>Publishes the batch's counts of the links some instance watches.</summary>
    private async Task RelayAsync(IReadOnlyList<EnrichedVisit> stored, DateTimeOffset committedAt)
    {
        try
        {
            var watched = await WatchedAsync();
            if (watched.Count == 0)
            {
                return;
            }

            RelayedVisits[] relayed = [.. Messages(stored, committedAt, watched.Contains).Select(m => new RelayedVisits(m.LinkId, m.Visits))];
            if (relayed.Length > 0)
            {
                var body = JsonSerializer.Serialize(new RelayedBatch(_origin, relayed), HopJsonContext.Default.RelayedBatch);
                await _redis!.GetSubscriber().PublishAsync(Channel, body);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            RelayFailed(logger, e.GetType().Name);
        }
    }

    /// <summary>The links some instance watches now: one read a batch, which is a second's clicks at most.</summary>
    private async Task<HashSet<long>> WatchedAsync()
    {
        var entries = await _redis!.GetDatabase().SortedSetRangeByScoreAsync(
            WatchedKey, time.GetUtcNow().ToUnixTimeMilliseconds(), double.PositiveInfinity);
        return entries.Select(e => long.Parse((string)e!, CultureInfo.InvariantCulture)).ToHashSet();
    }

    private void Received(RedisValue message)
    {
        try
        {
            var batch = JsonSerializer.Deserialize((string)message!, HopJsonContext.Default.RelayedBatch);
            if (batch is null || batch.Origin == _origin)
            {
                return;
            }

            foreach (var link in batch.Links)
            {
                Deliver(link.LinkId, link.Visits);
            }
        }
        catch (JsonException e)
        {
            RelayFailed(logger, e.GetType().Name);
        }
    }

    private void Deliver(long linkId, LiveVisits visits)
    {
        List<Channel<LiveVisits>>? targets;
        lock (_lock)
        {
            targets = _subscribers.TryGetValue(linkId, out var list) ? [.. list] : null;
        }

        foreach (var target in targets ?? [])
        {
            target.Writer.TryWrite(visits);
        }
    }

    private void Remove(long linkId, Channel<LiveVisits> channel)
    {
        lock (_lock)
        {
            if (_subscribers.TryGetValue(linkId, out var list) && list.Remove(channel) && list.Count == 0)
            {
                _subscribers.Remove(linkId);
            }
        }
    }

    [LoggerMessage(EventId = 861, Level = LogLevel.Warning, Message = "The live feed cannot use Redis ({Reason}); each instance's feed is its own")]
    private static partial void RelayUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 862, Level = LogLevel.Debug, Message = "The live feed's Redis call failed ({Error})")]
    private static partial void RelayFailed(ILogger logger, string error);

    internal sealed class Subscription(ClickLiveFeed feed, long linkId, Channel<LiveVisits> channel) : IDisposable
    {
        public ChannelReader<LiveVisits> Reader => channel.Reader;

        public void Dispose() => feed.Remove(linkId, channel);
    }
}

/// <summary>What one instance's writer relays to the others: the batch's counts of watched links.</summary>
internal sealed record RelayedBatch(string Origin, RelayedVisits[] Links);

internal sealed record RelayedVisits(long LinkId, LiveVisits Visits);
