using System.Diagnostics;
using Hop.IntegrationTests.Infrastructure;
using Hop.IntegrationTests.Links;
using Hop.IntegrationTests.Redirects;
using Microsoft.AspNetCore.Mvc.Testing;
using static Hop.IntegrationTests.Redirects.RedirectTestKit;

namespace Hop.IntegrationTests.Routing;

/// <summary>Two instances on one database and one Redis: a rule or variant changed on A is applied by B within a second, although B had the link cached.</summary>
public abstract class SharedRoutingTests(HopInstances instances)
{
    [Fact]
    public async Task A_rule_change_on_one_instance_is_seen_on_another_within_a_second()
    {
        var (a, b) = (instances.Instance(0), instances.Instance(1));
        await Poll.UntilAsync(() => Task.FromResult(a.Cache().Listening && b.Cache().Listening), "both instances listen for invalidations");
        var owner = a.CreateUser().Client;
        var visitorB = b.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var code = await owner.CreateCodeAsync(new
        {
            url = "https://example.com/default",
            rules = new[] { new { conditions = new { os = new[] { "ios" } }, url = "https://apps.example.com/" } },
        });
        Assert.Equal("https://apps.example.com/", await RoutingTests.WhereAsync(visitorB, RoutingTests.Visit(code, RoutingTests.IPhone)));

        using var patched = await owner.PatchLinkAsync(code, """
            {"rules": [{"conditions": {"os": ["ios"]}, "url": "https://store.example.com/"}],
             "variants": [{"url": "https://a.example.com/", "weight": 50}, {"url": "https://b.example.com/", "weight": 50}]}
            """);
        Assert.Equal(System.Net.HttpStatusCode.OK, patched.StatusCode);
        var waited = Stopwatch.StartNew();
        Assert.True(await Poll.EventuallyAsync(async () =>
            await RoutingTests.WhereAsync(visitorB, RoutingTests.Visit(code, RoutingTests.IPhone)) == "https://store.example.com/", TimeSpan.FromSeconds(1)),
            "instance B applies the new rule within a second");
        Assert.Matches("^https://[ab]\\.example\\.com/$", await RoutingTests.WhereAsync(visitorB, RoutingTests.Visit(code, RoutingTests.Desktop)));
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(1), $"took {waited.Elapsed}");
    }
}

[Collection(RedisCollection.Name)]
public sealed class SqliteSharedRoutingTests(HopInstances<Sqlite, SharedRedis> instances)
    : SharedRoutingTests(instances), IClassFixture<HopInstances<Sqlite, SharedRedis>>;

[Collection(RedisCollection.Name)]
public sealed class PostgresSharedRoutingTests(HopInstances<Postgres, SharedRedis> instances)
    : SharedRoutingTests(instances), IClassFixture<HopInstances<Postgres, SharedRedis>>;
