using System.Diagnostics;
using System.Net;
using Hop.Accounts;
using Hop.IntegrationTests.Infrastructure;
using Hop.IntegrationTests.Links;
using Hop.IntegrationTests.Redirects;
using static Hop.IntegrationTests.Redirects.RedirectTestKit;

namespace Hop.IntegrationTests.Domains;

/// <summary>Two instances on one database and one Redis: a domain added on instance A is served by instance B within a second.</summary>
public abstract class SharedDomainTests(HopInstances instances)
{
    [Fact]
    public async Task A_domain_added_on_one_instance_is_served_by_another_within_a_second()
    {
        var (a, b) = (instances.Instance(0), instances.Instance(1));
        await Poll.UntilAsync(() => Task.FromResult(a.Cache().Listening && b.Cache().Listening), "both instances listen on Redis");
        var admin = a.CreateUser(Roles.Admin).Client;
        var owner = a.CreateUser().Client;
        var visitorB = b.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var domain = DomainTests.NewHost("shared");
        var alias = NewAlias("shared");
        Assert.Equal(HttpStatusCode.NotFound, (await DomainTests.VisitOnAsync(visitorB, domain, "/" + alias)).Status);

        await admin.EnsureDomainAsync(domain, new { host = domain, notFoundRedirect = "https://example.org/nf" });
        var added = Stopwatch.StartNew();
        await owner.CreateCodeAsync(new { url = "https://example.com/shared", alias, domain });
        await Poll.UntilAsync(
            async () => await DomainTests.VisitOnAsync(visitorB, domain, "/" + alias) == (HttpStatusCode.Found, "https://example.com/shared"),
            "instance B serves the new domain's link", TimeSpan.FromSeconds(5));
        Assert.True(added.Elapsed < TimeSpan.FromSeconds(1), $"instance B served the new domain after {added.Elapsed}");

        // And B treats the new domain as one of Hop's own at once.
        using var loop = await b.CreateUser().Client.CreateLinkAsync(new { url = $"https://{domain}/x" });
        Assert.Equal(HttpStatusCode.BadRequest, loop.StatusCode);
        Assert.Equal((HttpStatusCode.Found, "https://example.org/nf"), await DomainTests.VisitOnAsync(visitorB, domain, "/" + NewAlias("none")));
    }
}

[Collection(RedisCollection.Name)]
public sealed class SqliteSharedDomainTests(HopInstances<Sqlite, SharedRedis> instances)
    : SharedDomainTests(instances), IClassFixture<HopInstances<Sqlite, SharedRedis>>;

[Collection(RedisCollection.Name)]
public sealed class PostgresSharedDomainTests(HopInstances<Postgres, SharedRedis> instances)
    : SharedDomainTests(instances), IClassFixture<HopInstances<Postgres, SharedRedis>>;
