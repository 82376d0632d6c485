using System.Diagnostics;
using System.Text.RegularExpressions;
using Hop.IntegrationTests.Infrastructure;
using static Hop.IntegrationTests.Redirects.RedirectTestKit;

namespace Hop.IntegrationTests.Redirects;

/// <summary>The tests that use (and one that stops) the shared Redis run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RedisCollection
{
    public const string Name = "redis";
}

/// <summary>
/// Two app instances on one database and one Redis (HOP_TEST_REDIS), as when scaled out: a change
/// invalidated on one is seen on the other, and losing Redis never fails a redirect.
/// </summary>
public abstract partial class SharedCacheTests(HopInstances instances) : IAsyncLifetime
{
    /// <summary>How the cache logs a lost and a restored Redis connection.</summary>
    private const string ConnectionLost = "Hop.Redirects.LinkCache[600]";
    private const string ConnectionRestored = "Hop.Redirects.LinkCache[601]";

    /// <summary>
    /// Bounds a wait for an invalidation to travel, and only a failed one: the instances remember links
    /// and 404s for five minutes (<see cref="SharedRedis"/>), so nothing but the invalidation makes
    /// the other instance see a change within it.
    /// </summary>
    private static readonly TimeSpan InvalidationLimit = TimeSpan.FromSeconds(10);

    private HopHost _a = null!;
    private HopHost _b = null!;
    private HttpClient _clientA = null!;
    private HttpClient _clientB = null!;

    public async ValueTask InitializeAsync()
    {
        _a = instances.Instance(0);
        _b = instances.Instance(1);
        _clientA = _a.NoRedirects();
        _clientB = _b.NoRedirects();
        Assert.True(await Poll.EventuallyAsync(() => Task.FromResult(_a.Cache().Listening && _b.Cache().Listening),
            TimeSpan.FromSeconds(10)), "both instances subscribe to the invalidation channel");

        // A test before this one may have restarted Redis. An instance clears its L1 when a lost
        // connection is back, and a clear in the middle of a test would pass for an invalidation, so
        // every lost connection must be restored first (the clear is done when that is logged).
        Assert.True(await Poll.EventuallyAsync(() => Task.FromResult(RedisIsBack(_a) && RedisIsBack(_b)),
            TimeSpan.FromSeconds(15)), "both instances restore every Redis connection they lost");

        // "Listening" can still describe the old connection: only a message that really travels from A
        // to B shows that B is subscribed again. It is sent until one arrives, since one published
        // while B's subscription was being restored is lost.
        var probe = NewAlias("probe");
        Assert.Equal("404", await _clientB.FollowAsync(probe));
        await _clientA.CreateAsync("https://example.com/probe", probe);
        Assert.True(await Poll.EventuallyAsync(async () =>
        {
            if (await _clientB.FollowAsync(probe) == "https://example.com/probe")
            {
                return true;
            }

            _a.Cache().Invalidate(probe);
            return false;
        }, TimeSpan.FromSeconds(15)), "an invalidation travels from instance A to instance B");
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Update_invalidated_on_one_instance_is_seen_on_the_other()
    {
        var code = await _clientA.CreateAsync("https://example.com/v1");
        Assert.Equal("https://example.com/v1", await _clientB.FollowAsync(code));

        await _a.RetargetDirectlyAsync(code, "https://example.com/v2");
        Assert.Equal("https://example.com/v1", await _clientB.FollowAsync(code));

        _a.Cache().Invalidate(code);
        var seen = await Poll.EventuallyAsync(async () => await _clientB.FollowAsync(code) == "https://example.com/v2", InvalidationLimit);
        Assert.True(seen, "instance B still serves the old target after the invalidation");
    }

    [Fact]
    public async Task Create_on_one_instance_clears_a_remembered_404_on_the_other()
    {
        var code = NewAlias("xi");
        Assert.Equal("404", await _clientB.FollowAsync(code));

        await _clientA.CreateAsync("https://example.com/created", code);
        Assert.True(await Poll.EventuallyAsync(async () => await _clientB.FollowAsync(code) == "https://example.com/created", InvalidationLimit),
            "instance B still answers 404 after the create on instance A");
    }

    [Fact]
    public async Task Redirects_keep_working_while_Redis_is_down_and_invalidation_resumes_after()
    {
        var cached = await _clientA.CreateAsync("https://example.com/cached");
        Assert.Equal("https://example.com/cached", await _clientB.FollowAsync(cached));
        var uncached = NewAlias("down");
        await _a.InsertDirectlyAsync(uncached, "https://example.com/uncached");

        await RedisControlAsync("stop");
        try
        {
            Assert.Equal("https://example.com/cached", await _clientB.FollowAsync(cached));
            Assert.Equal("https://example.com/uncached", await _clientB.FollowAsync(uncached));
            Assert.Equal("404", await _clientB.FollowAsync(NewAlias("none")));
            var created = await _clientA.CreateAsync("https://example.com/while-down");
            Assert.Equal("https://example.com/while-down", await _clientA.FollowAsync(created));
            Assert.Equal("https://example.com/while-down", await _clientB.FollowAsync(created));
        }
        finally
        {
            await RedisControlAsync("start");
        }

        Assert.True(await Poll.EventuallyAsync(
            () => Task.FromResult(_a.Cache().Redis?.IsConnected == true && _b.Cache().Redis?.IsConnected == true
                                  && RedisIsBack(_a) && RedisIsBack(_b)),
            TimeSpan.FromSeconds(15)), "both instances reconnect to Redis");
        foreach (var instance in new[] { _a, _b })
        {
            // RedisIsBack reads these lines; without them it would hold whatever happened.
            Assert.Contains(instance.Logs.Lines, l => l.Contains(ConnectionLost, StringComparison.Ordinal));
            Assert.Contains(instance.Logs.Lines, l => l.Contains(ConnectionRestored, StringComparison.Ordinal));
        }

        // Both have cleared their L1 for the reconnect by now, so B remembers the link afresh and from
        // here on only an invalidation changes what it serves. Subscriptions are restored with the
        // connection: the invalidation is sent until one arrives.
        Assert.Equal("https://example.com/cached", await _clientB.FollowAsync(cached));
        await _a.RetargetDirectlyAsync(cached, "https://example.com/after");
        Assert.Equal("https://example.com/cached", await _clientB.FollowAsync(cached));
        var seen = await Poll.EventuallyAsync(async () =>
        {
            _a.Cache().Invalidate(cached);
            return await _clientB.FollowAsync(cached) == "https://example.com/after";
        }, TimeSpan.FromSeconds(10));
        Assert.True(seen, "invalidations reach the other instance again once Redis is back");
    }

    /// <summary>True when every Redis connection that <paramref name="host"/> lost is restored, from the
    /// cache's own log of lost (600) and restored (601) connections, in order.</summary>
    private static bool RedisIsBack(HopHost host)
    {
        var lost = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in host.Logs.Lines)
        {
            var down = line.Contains(ConnectionLost, StringComparison.Ordinal);
            if (down || line.Contains(ConnectionRestored, StringComparison.Ordinal))
            {
                var type = ConnectionType().Match(line).Groups[1].Value;
                if (down)
                {
                    lost.Add(type);
                }
                else
                {
                    lost.Remove(type);
                }
            }
        }

        return lost.Count == 0;
    }

    [GeneratedRegex(@"ConnectionType=(\w+)")]
    private static partial Regex ConnectionType();

    private static async Task RedisControlAsync(string verb)
    {
        using var process = Process.Start(new ProcessStartInfo(TestServers.RedisControl, verb) { UseShellExecute = false })!;
        await process.WaitForExitAsync(Ct);
        Assert.Equal(0, process.ExitCode);
    }
}

[Collection(RedisCollection.Name)]
public sealed class SqliteSharedCacheTests(HopInstances<Sqlite, SharedRedis> instances)
    : SharedCacheTests(instances), IClassFixture<HopInstances<Sqlite, SharedRedis>>;

[Collection(RedisCollection.Name)]
public sealed class PostgresSharedCacheTests(HopInstances<Postgres, SharedRedis> instances)
    : SharedCacheTests(instances), IClassFixture<HopInstances<Postgres, SharedRedis>>;
