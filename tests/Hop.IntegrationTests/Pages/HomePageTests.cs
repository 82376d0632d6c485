using System.Net;
using Hop.Accounts;
using Hop.IntegrationTests.Accounts;
using Hop.IntegrationTests.Domains;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Hop.IntegrationTests.Pages;

/// <summary>The home page's shorten form over HTTP: the domains a person may use, and the link made on the one chosen.</summary>
public abstract class HomePageTests(HopHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_domain_select_lists_only_the_domains_the_caller_may_use()
    {
        var admin = await host.CreateUserAsync(Roles.Admin);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var open = $"open-{suffix}.example.com";
        var adminsOnly = $"staff-{suffix}.example.com";
        await admin.Client.EnsureDomainAsync(open, new { host = open });
        await admin.Client.EnsureDomainAsync(adminsOnly, new { host = adminsOnly, access = "admins" });

        var user = await host.CreateUserAsync();
        await host.SetPasswordAsync(user.Id);
        var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await AccountPageKit.SignInAsync(browser, user.Username, AccountsTestKit.Password);
        await Poll.UntilAsync(async () => (await browser.GetStringAsync("/", Ct)).Contains($"<option value=\"{open}\"", StringComparison.Ordinal),
            "the new domain is offered");
        Assert.DoesNotContain(adminsOnly, await browser.GetStringAsync("/", Ct), StringComparison.Ordinal);

        var created = await AccountPageKit.PostFormAsync(browser, "/", "shorten",
            ("Form.Url", "https://example.com/on-another-domain"), ("Form.Alias", $"d{suffix}"), ("Form.Domain", open));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains($"value=\"https://{open}/d{suffix}\"", await created.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(user.Id, await host.WithDbAsync(db => db.Links.Where(l => l.Code == $"d{suffix}").Select(l => l.OwnerId).SingleAsync(Ct)));

        var refused = await AccountPageKit.PostFormAsync(browser, "/", "shorten",
            ("Form.Url", "https://example.com/not-allowed"), ("Form.Domain", adminsOnly));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("The domain", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}

public sealed class SqliteHomePageTests(HopHost<Sqlite, Defaults> host)
    : HomePageTests(host), IClassFixture<HopHost<Sqlite, Defaults>>;

public sealed class PostgresHomePageTests(HopHost<Postgres, Defaults> host)
    : HomePageTests(host), IClassFixture<HopHost<Postgres, Defaults>>;
