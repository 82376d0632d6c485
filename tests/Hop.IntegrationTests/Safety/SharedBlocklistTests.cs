using Hop.Accounts;
using Hop.IntegrationTests.Infrastructure;
using Hop.IntegrationTests.Redirects;
using Hop.Safety.Blocklist;
using static Hop.IntegrationTests.Redirects.RedirectTestKit;
using static Hop.IntegrationTests.Safety.BlocklistTestKit;

namespace Hop.IntegrationTests.Safety;

/// <summary>
/// Two instances on one database and one Redis: a domain blocked on instance A is blocked on instance B
/// too, its links answer 410 there although B had them cached (for five minutes: <see cref="SharedRedis"/>),
/// and B's index matches the domain.
/// </summary>
public abstract class SharedBlocklistTests(HopInstances instances)
{
    [Fact]
    public async Task A_domain_blocked_on_one_instance_is_blocked_on_every_instance()
    {
        var (a, b) = (instances.Instance(0), instances.Instance(1));
        await Poll.UntilAsync(() => Task.FromResult(a.Cache().Listening && b.Cache().Listening), "both instances listen for invalidations");
        var admin = a.CreateUser(Roles.Admin).Client;
        var owner = a.CreateUser().Client;
        var visitorB = b.CreateUser().Client;
        var domain = NewDomain();
        var code = await owner.CreateAsync($"https://shop.{domain}/login");
        var other = await owner.CreateAsync($"https://{domain}.example.org/fine");
        Assert.Equal($"https://shop.{domain}/login", await owner.FollowAsync(code));
        Assert.Equal($"https://shop.{domain}/login", await visitorB.FollowAsync(code));

        Assert.Equal(1, (await admin.BlockAsync(domain)).GetProperty("linksDisabled").GetInt32());
        Assert.Equal("410", await owner.FollowAsync(code));
        await Poll.UntilAsync(async () => await visitorB.FollowAsync(code) == "410", "instance B answers 410 for the blocked link");
        await Poll.UntilAsync(() => Task.FromResult(b.Index().Match($"x.{domain}", $"https://x.{domain}/")?.Action == BlocklistAction.Block),
            "instance B's index matches the blocked domain");
        Assert.Equal($"https://{domain}.example.org/fine", await visitorB.FollowAsync(other));
    }
}

[Collection(RedisCollection.Name)]
public sealed class SqliteSharedBlocklistTests(HopInstances<Sqlite, SharedRedis> instances)
    : SharedBlocklistTests(instances), IClassFixture<HopInstances<Sqlite, SharedRedis>>;

[Collection(RedisCollection.Name)]
public sealed class PostgresSharedBlocklistTests(HopInstances<Postgres, SharedRedis> instances)
    : SharedBlocklistTests(instances), IClassFixture<HopInstances<Postgres, SharedRedis>>;
