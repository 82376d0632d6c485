using System.Collections.Concurrent;
using System.Net;
using Hop.IntegrationTests.Accounts;
using Hop.IntegrationTests.Infrastructure;
using Hop.IntegrationTests.Links;
using Hop.Redirects;
using StackExchange.Redis;
using static Hop.IntegrationTests.Redirects.RedirectTestKit;

namespace Hop.IntegrationTests.Redirects;

/// <summary>
/// Every change to a link reaches the other instances as one message on the invalidation channel: a
/// create (single, batch or import) is written through once, a change invalidated once.
/// </summary>
public abstract class CachePublishTests(HopHost host) : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, int> _published = new(StringComparer.Ordinal);
    private ConnectionMultiplexer _redis = null!;

    public async ValueTask InitializeAsync()
    {
        Assert.True(await Poll.EventuallyAsync(() => Task.FromResult(host.Cache().Listening), TimeSpan.FromSeconds(10)),
            "the instance subscribes to the invalidation channel");
        _redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        await _redis.GetSubscriber().SubscribeAsync(LinkCache.Channel, (_, message) =>
        {
            // "<instance>:<domain id>:<code>"; every link here is on the default domain.
            var text = (string)message!;
            var key = LinkKey.TryParse(text.AsSpan(text.IndexOf(':', StringComparison.Ordinal) + 1), out var parsed) ? parsed : default;
            var name = key.DomainId == Hop.Domains.Domain.DefaultId ? key.Code : "(wrong domain) " + text;
            _published.AddOrUpdate(name, 1, (_, n) => n + 1);
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _redis.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Each_create_and_each_change_is_published_once()
    {
        var client = host.NoRedirects();
        var single = await client.CreateAsync("https://example.com/single", NewAlias("one"));
        string[] batch = [NewAlias("b1"), NewAlias("b2"), NewAlias("b3")];
        var created = await client.PostJsonAsync("/api/v1/links/batch",
            new { items = batch.Select(alias => new { url = $"https://example.com/{alias}", alias }) });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(3, (await created.ReadJsonAsync()).GetProperty("created").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await client.PatchLinkAsync(single, """{"title":"changed"}""")).StatusCode);

        // The instance publishes in order on one connection: once the last link's message is here,
        // every earlier one is too.
        var last = await client.CreateAsync("https://example.com/last", NewAlias("last"));
        await Poll.UntilAsync(() => Task.FromResult(_published.ContainsKey(last)), "the last create's message");

        Assert.Equal(2, _published.GetValueOrDefault(single));
        Assert.All(batch, alias => Assert.Equal(1, _published.GetValueOrDefault(alias)));
        Assert.Equal(1, _published[last]);
    }
}

[Collection(RedisCollection.Name)]
public sealed class SqliteCachePublishTests(HopHost<Sqlite, SharedRedis> host)
    : CachePublishTests(host), IClassFixture<HopHost<Sqlite, SharedRedis>>;

[Collection(RedisCollection.Name)]
public sealed class PostgresCachePublishTests(HopHost<Postgres, SharedRedis> host)
    : CachePublishTests(host), IClassFixture<HopHost<Postgres, SharedRedis>>;
