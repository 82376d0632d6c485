using System.Net;
using Hop.Accounts;
using Hop.IntegrationTests.Infrastructure;
using Hop.IntegrationTests.Redirects;
using Hop.Safety.Blocklist;
using Microsoft.EntityFrameworkCore;
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

    [Fact]
    public async Task After_a_block_on_one_instance_another_refuses_new_links_to_the_domain_and_answers_410_from_its_warm_cache()
    {
        var (a, b) = (instances.Instance(0), instances.Instance(1));
        await Poll.UntilAsync(() => Task.FromResult(a.Cache().Listening && b.Cache().Listening), "both instances listen for invalidations");
        var admin = a.CreateUser(Roles.Admin).Client;
        var ownerB = b.CreateUser();
        var domain = NewDomain();
        var code = await ownerB.Client.CreateAsync($"https://{domain}/login");
        var kept = await ownerB.Client.CreateAsync("https://example.com/kept");
        Assert.Equal($"https://{domain}/login", await ownerB.Client.FollowAsync(code)); // in B's cache now

        await admin.BlockAsync(domain);

        // The probe always fails on its alias, so polling stores nothing whichever answer B gives.
        await Poll.UntilAsync(async () =>
        {
            using var probe = await ownerB.Client.CreateLinkAsync(new { url = $"https://www.{domain}/probe", alias = "a b" });
            return (await probe.ReadJsonAsync()).GetProperty("errors").TryGetProperty("url", out var url)
                && url[0].GetString()!.Contains("is on the blocklist", StringComparison.Ordinal);
        }, "instance B refuses a new link to the blocked domain");

        var before = await b.WithDbAsync(db => db.Links.CountAsync(l => l.OwnerId == ownerB.Id, Ct));
        var failures = new List<string>();
        foreach (var url in BlocklistTargetTests.Spellings(domain))
        {
            await BlocklistTargetTests.ExpectRefusedEverywhereAsync(ownerB.Client, kept, url, $"is on the blocklist ({domain}: tests)", failures);
        }

        Assert.Empty(failures);
        Assert.Equal(before, await b.WithDbAsync(db => db.Links.CountAsync(l => l.OwnerId == ownerB.Id, Ct)));
        var (status, body) = await ownerB.Client.VisitAsync(code);
        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Contains("blocked by the administrators", body, StringComparison.Ordinal);
    }
}

[Collection(RedisCollection.Name)]
public sealed class SqliteSharedBlocklistTests(HopInstances<Sqlite, SharedRedis> instances)
    : SharedBlocklistTests(instances), IClassFixture<HopInstances<Sqlite, SharedRedis>>;

[Collection(RedisCollection.Name)]
public sealed class PostgresSharedBlocklistTests(HopInstances<Postgres, SharedRedis> instances)
    : SharedBlocklistTests(instances), IClassFixture<HopInstances<Postgres, SharedRedis>>;
