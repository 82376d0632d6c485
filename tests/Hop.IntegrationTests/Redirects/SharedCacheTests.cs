using System.Diagnostics;
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
public abstract class SharedCacheTests(SharedDatabase database) : IAsyncLifetime
{
    private static readonly TimeSpan InvalidationLimit = TimeSpan.FromSeconds(1);

    private HopFactory _a = null!;
    private HopFactory _b = null!;
    private HttpClient _clientA = null!;
    private HttpClient _clientB = null!;

    public async ValueTask InitializeAsync()
    {
        KeyValuePair<string, string> redis = new("Cache:Redis", TestServers.Redis);
        _a = database.Instance(0, redis);
        _b = database.Instance(1, redis);
        _clientA = _a.NoRedirects();
        _clientB = _b.NoRedirects();
        Assert.True(await EventuallyAsync(() => Task.FromResult(_a.Cache().Listening && _b.Cache().Listening),
            TimeSpan.FromSeconds(10)), "both instances subscribe to the invalidation channel");

        // A test before this one may have restarted Redis; "listening" can still describe the old
        // connection. Only a message that really travels from A to B shows both are reconnected (and
        // that B has already dropped its L1 for the reconnect, which would otherwise happen mid-test).
        var probe = NewAlias("probe");
        Assert.Equal("404", await _clientB.FollowAsync(probe));
        await _clientA.CreateAsync("https://example.com/probe", probe);
        Assert.True(await EventuallyAsync(async () => await _clientB.FollowAsync(probe) == "https://example.com/probe",
            TimeSpan.FromSeconds(15)), "an invalidation travels from instance A to instance B");
        await Task.Delay(250, Ct);
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Update_invalidated_on_one_instance_is_seen_on_the_other_within_a_second()
    {
        var code = await _clientA.CreateAsync("https://example.com/v1");
        Assert.Equal("https://example.com/v1", await _clientB.FollowAsync(code));

        await _a.RetargetDirectlyAsync(code, "https://example.com/v2");
        Assert.Equal("https://example.com/v1", await _clientB.FollowAsync(code));

        var clock = Stopwatch.StartNew();
        _a.Cache().Invalidate(code);
        var seen = await EventuallyAsync(async () => await _clientB.FollowAsync(code) == "https://example.com/v2", InvalidationLimit);
        Assert.True(seen, $"instance B still served the old target {clock.ElapsedMilliseconds} ms after the invalidation");
    }

    [Fact]
    public async Task Create_on_one_instance_clears_a_remembered_404_on_the_other()
    {
        var code = NewAlias("xi");
        Assert.Equal("404", await _clientB.FollowAsync(code));

        await _clientA.CreateAsync("https://example.com/created", code);
        Assert.True(await EventuallyAsync(async () => await _clientB.FollowAsync(code) == "https://example.com/created", InvalidationLimit));
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

        Assert.True(await EventuallyAsync(
            () => Task.FromResult(_a.Cache().Redis?.IsConnected == true && _b.Cache().Redis?.IsConnected == true),
            TimeSpan.FromSeconds(15)), "both instances reconnect to Redis");

        // Subscriptions are restored with the connection; poll the whole round trip.
        await _a.RetargetDirectlyAsync(cached, "https://example.com/after");
        var seen = await EventuallyAsync(async () =>
        {
            _a.Cache().Invalidate(cached);
            return await _clientB.FollowAsync(cached) == "https://example.com/after";
        }, TimeSpan.FromSeconds(10));
        Assert.True(seen, "invalidations reach the other instance again once Redis is back");
    }

    private static async Task RedisControlAsync(string verb)
    {
        using var process = Process.Start(new ProcessStartInfo(TestServers.RedisControl, verb) { UseShellExecute = false })!;
        await process.WaitForExitAsync(Ct);
        Assert.Equal(0, process.ExitCode);
    }
}

[Collection(RedisCollection.Name)]
public sealed class SqliteSharedCacheTests(SqliteSharedDatabase database)
    : SharedCacheTests(database), IClassFixture<SqliteSharedDatabase>;

[Collection(RedisCollection.Name)]
public sealed class PostgresSharedCacheTests(PostgresSharedDatabase database)
    : SharedCacheTests(database), IClassFixture<PostgresSharedDatabase>;
