using System.Net;
using Hop.IntegrationTests.Infrastructure;
using Hop.IntegrationTests.Redirects;

namespace Hop.IntegrationTests.Accounts;

/// <summary>Anonymous creation limited to four a minute per client IP, X-Forwarded-For believed from
/// 10.0.0.0/8, and the shared Redis: two instances limit a client as one.</summary>
public sealed class SharedLimits : HostProfile
{
    public const int PerMinute = 4;

    internal override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Accounts:AnonymousCreate", "true"),
        new("RateLimits:AnonymousCreatesPerMinute", PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Network:TrustedProxies:0", "10.0.0.0/8"),
        new("Cache:Redis", TestServers.Redis),
    ];
}

/// <summary>The same limits with a Redis nobody listens on: each instance counts on its own.</summary>
public sealed class UnreachableRedisLimits : HostProfile
{
    internal override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Accounts:AnonymousCreate", "true"),
        new("RateLimits:AnonymousCreatesPerMinute", SharedLimits.PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Network:TrustedProxies:0", "10.0.0.0/8"),
        new("Cache:Redis", "127.0.0.1:1,abortConnect=false,connectTimeout=200"),
    ];
}

/// <summary>Requests spread over two instances are limited as one through Redis.</summary>
public sealed class SharedRateLimitTests(HopInstances<Sqlite, SharedLimits> instances) : IClassFixture<HopInstances<Sqlite, SharedLimits>>
{
    [Fact]
    public async Task A_client_spread_over_two_instances_gets_the_limit_once_and_another_client_its_own()
    {
        var (a, b) = (instances.Instance(0), instances.Instance(1));
        await Poll.UntilAsync(() => Task.FromResult(a.Cache().Listening && b.Cache().Listening), "both instances are connected to Redis");
        var ip = AccountsTestKit.NewClientIp();
        HttpClient[] clients = [a.ClientBehindProxy(ip), b.ClientBehindProxy(ip)];

        for (var i = 0; i < SharedLimits.PerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await clients[i % 2].CreateLinkAsync(new { url = $"https://example.com/shared-{i}" })).StatusCode);
        }

        // Each instance alone has seen only half the limit, and both refuse.
        AccountsTestKit.AssertTooManyRequests(await clients[0].CreateLinkAsync(new { url = "https://example.com/over-a" }));
        AccountsTestKit.AssertTooManyRequests(await clients[1].CreateLinkAsync(new { url = "https://example.com/over-b" }));

        var other = b.ClientBehindProxy(AccountsTestKit.NewClientIp());
        Assert.Equal(HttpStatusCode.Created, (await other.CreateLinkAsync(new { url = "https://example.com/other" })).StatusCode);
    }
}

/// <summary>While Redis cannot be reached, the limits are each instance's own, never none.</summary>
public sealed class UnreachableRedisRateLimitTests(HopInstances<Sqlite, UnreachableRedisLimits> instances)
    : IClassFixture<HopInstances<Sqlite, UnreachableRedisLimits>>
{
    [Fact]
    public async Task Each_instance_limits_on_its_own_without_Redis()
    {
        var (a, b) = (instances.Instance(0), instances.Instance(1));
        var ip = AccountsTestKit.NewClientIp();
        foreach (var instance in new[] { a, b })
        {
            var client = instance.ClientBehindProxy(ip);
            for (var i = 0; i < SharedLimits.PerMinute; i++)
            {
                Assert.Equal(HttpStatusCode.Created, (await client.CreateLinkAsync(new { url = $"https://example.com/alone-{i}" })).StatusCode);
            }

            AccountsTestKit.AssertTooManyRequests(await client.CreateLinkAsync(new { url = "https://example.com/alone-over" }));
        }
    }
}
