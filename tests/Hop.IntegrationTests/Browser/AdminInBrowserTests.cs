using System.Net;
using Hop.Accounts;
using Hop.IntegrationTests.Accounts;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Hop.IntegrationTests.Browser;

/// <summary>The admin pages in the real browser: users, every link and the domains, and nobody else may open them.</summary>
public sealed class AdminInBrowserTests(LiveHost<Sqlite, Defaults> host, BrowserFixture browser) : IClassFixture<LiveHost<Sqlite, Defaults>>
{
    private static readonly string[] AdminPages = ["/admin", "/admin/users", "/admin/links", "/admin/domains"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_an_admin_opens_the_admin_pages_others_get_404_and_strangers_the_sign_in()
    {
        var (page, _) = await browser.NewSignedInPageAsync(host);
        foreach (var path in AdminPages)
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(404, response!.Status);
            Assert.DoesNotContain("<h1>", await page.ContentAsync(), StringComparison.Ordinal);
        }

        var stranger = await browser.NewPageAsync(host);
        foreach (var path in AdminPages)
        {
            await stranger.GotoAsync(path);
            Assert.EndsWith("/login", new Uri(stranger.Url).AbsolutePath, StringComparison.Ordinal);
        }

        var (admin, _) = await browser.NewSignedInPageAsync(host, Roles.Admin);
        await admin.GotoAsync("/admin");
        foreach (var name in new[] { "Users", "All links", "Domains", "Blocklist", "Abuse reports", "Status" })
        {
            await Assertions.Expect(admin.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        }

        await PageAudit.AssertGoodAsync(admin, "admin");
    }

    [Fact]
    public async Task An_admin_disables_a_user_whose_key_then_fails_enables_them_and_changes_their_role()
    {
        var target = await host.CreateUserAsync();
        var (page, me) = await browser.NewSignedInPageAsync(host, Roles.Admin);
        await page.GotoAsync("/admin/users");
        await Assertions.Expect(page.Locator("tbody tr").Filter(new() { HasText = me.Username })).ToContainTextAsync("You");
        await page.GetByLabel("Search by name or email").FillAsync(target.Username.ToUpperInvariant()[..10]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await PageAudit.AssertGoodAsync(page, "admin-users");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Disable {target.Username}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{target.Username} is disabled");
        await Assertions.Expect(page.Locator("tbody tr")).ToContainTextAsync("disabled");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client(target.ApiKey).GetAsync("/api/v1/links", Ct)).StatusCode);
        await PageAudit.AssertGoodAsync(page, "admin-users-disabled");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Enable {target.Username}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("enabled again");
        Assert.Equal(HttpStatusCode.OK, (await Client(target.ApiKey).GetAsync("/api/v1/links", Ct)).StatusCode);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Make admin {target.Username}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is an administrator now");
        Assert.Equal(Roles.Admin, await host.WithDbAsync(db => db.Users.Where(u => u.Id == target.Id).Select(u => u.Role).SingleAsync(Ct)));
        await page.GetByRole(AriaRole.Button, new() { Name = $"Make user {target.Username}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is a user now");
        Assert.Equal(Roles.User, await host.WithDbAsync(db => db.Users.Where(u => u.Id == target.Id).Select(u => u.Role).SingleAsync(Ct)));
    }

    [Fact]
    public async Task An_admin_invites_someone_with_a_link_shown_once_that_registers_them_in_the_role()
    {
        var (page, _) = await browser.NewSignedInPageAsync(host, Roles.Admin, width: 375);
        await page.GotoAsync("/admin/users");
        await page.GetByLabel("Role").SelectOptionAsync(Roles.Admin);
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Create invite link" }).ClickAsync(),
            r => r.Request.Method == "POST");
        Assert.Contains("no-store", (await response.AllHeadersAsync())["cache-control"], StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Invite for a new admin" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy the invite link" })).ToBeVisibleAsync();
        var link = new Uri(await page.Locator("#invite-link").InputValueAsync());
        Assert.Equal("/register", link.AbsolutePath);
        await PageAudit.AssertGoodAsync(page, "admin-users-invite");

        var token = Uri.UnescapeDataString(link.Query["?invite=".Length..]);
        var username = $"inv{Guid.NewGuid():N}"[..14];
        var registered = await Client().PostJsonAsync("/api/v1/auth/register",
            new { username, email = $"{username}@example.com", password = AccountsTestKit.Password, invite = token });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(Roles.Admin, (await registered.ReadJsonAsync()).Str("role"));
    }

    [Fact]
    public async Task An_admin_disables_someone_s_link_with_a_reason_it_answers_410_and_only_an_admin_enables_it()
    {
        var owner = await host.CreateUserAsync();
        var code = (await (await Client(owner.ApiKey).CreateLinkAsync(new { url = "https://example.com/moderated", title = "<b>Moderated</b>" })).ReadJsonAsync()).Str("code");
        var visitor = Client();
        Assert.Equal(HttpStatusCode.Found, (await visitor.GetAsync($"/{code}", Ct)).StatusCode);

        var (page, _) = await browser.NewSignedInPageAsync(host, Roles.Admin);
        await page.GotoAsync("/admin/links");
        await PageAudit.AssertGoodAsync(page, "admin-links");
        await page.GetByLabel("Search code, target or title").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var row = page.Locator("tbody tr").Filter(new() { HasText = code });
        await Assertions.Expect(row).ToContainTextAsync(owner.Username);
        await Assertions.Expect(row).ToContainTextAsync("<b>Moderated</b>");
        await Assertions.Expect(row.GetByRole(AriaRole.Link, new() { Name = $"Open {code}" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/links/[0-9]+$"));

        await page.GetByRole(AriaRole.Link, new() { Name = $"Disable {code}" }).ClickAsync();
        await page.GetByLabel("Reason").FillAsync("phishing report #12");
        await PageAudit.AssertGoodAsync(page, "admin-links-disable");
        await page.GetByRole(AriaRole.Button, new() { Name = "Disable the link" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The link is disabled");
        await Assertions.Expect(page.Locator("tbody tr").Filter(new() { HasText = code })).ToContainTextAsync("disabled by an administrator: phishing report #12");
        Assert.Equal(HttpStatusCode.Gone, (await visitor.GetAsync($"/{code}", Ct)).StatusCode);

        // The owner cannot undo an administrator's decision.
        var undo = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/links/{code}") { Content = new StringContent("""{"disabled":false}""", System.Text.Encoding.UTF8, "application/merge-patch+json") };
        Assert.Equal(HttpStatusCode.BadRequest, (await Client(owner.ApiKey).SendAsync(undo, Ct)).StatusCode);

        await page.GotoAsync("/admin/links?state=disabled");
        await Assertions.Expect(page.Locator("tbody tr").Filter(new() { HasText = code })).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Enable {code}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("enabled again");
        await Assertions.Expect(page.Locator("tbody tr").Filter(new() { HasText = code })).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.Found, (await visitor.GetAsync($"/{code}", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_admin_adds_edits_and_removes_a_domain_and_is_told_why_when_it_cannot()
    {
        var (page, _) = await browser.NewSignedInPageAsync(host, Roles.Admin);
        await page.GotoAsync("/admin/domains");
        await Assertions.Expect(page.Locator("tbody tr").Filter(new() { HasText = "default" })).ToHaveCountAsync(1);
        await PageAudit.AssertGoodAsync(page, "admin-domains");

        await page.Locator("#add-host").FillAsync("printer.local");
        await page.Locator("#add-root").FillAsync("javascript:alert(1)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add domain" }).ClickAsync();
        var errors = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(errors).ToContainTextAsync("Host: host");
        await Assertions.Expect(errors).ToContainTextAsync("Redirect for /:");
        await Assertions.Expect(page.Locator("#add-host")).ToHaveAttributeAsync("aria-invalid", "true");
        await PageAudit.AssertGoodAsync(page, "admin-domains-errors");

        var domain = $"d{Guid.NewGuid():N}"[..12] + ".example.com";
        await page.Locator("#add-host").FillAsync(domain.ToUpperInvariant());
        await page.Locator("#add-root").FillAsync("https://www.example.org/home");
        await page.Locator("#add-access").SelectOptionAsync("admins");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add domain" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{domain} is added");
        var row = page.Locator("tbody tr").Filter(new() { HasText = domain });
        await Assertions.Expect(row).ToContainTextAsync("https://www.example.org/home");
        await Assertions.Expect(row).ToContainTextAsync("Administrators");
        var visitor = Client();
        var root = new HttpRequestMessage(HttpMethod.Get, "/");
        root.Headers.Host = domain;
        Assert.Equal("https://www.example.org/home", (await visitor.SendAsync(root, Ct)).Headers.Location?.ToString());

        await page.Locator("#add-host").FillAsync(domain);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add domain" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"host {domain} is already a domain.");

        var member = await host.CreateUserAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"Edit {domain}" }).ClickAsync();
        await page.Locator("#edit-access").SelectOptionAsync("users");
        await page.Locator("#edit-users").FillAsync("nobody-here");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("no user is called nobody-here");
        await page.Locator("#edit-users").FillAsync(member.Username);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{domain} is saved");
        await Assertions.Expect(page.Locator("tbody tr").Filter(new() { HasText = domain })).ToContainTextAsync($"Administrators and {member.Username}");

        // A domain with a link keeps it.
        Assert.Equal(HttpStatusCode.Created, (await Client(member.ApiKey).CreateLinkAsync(new { url = "https://example.com/on-domain", domain })).StatusCode);
        await page.GetByRole(AriaRole.Link, new() { Name = $"Remove {domain}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove the domain" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("has links or API keys limited to it");
        await PageAudit.AssertGoodAsync(page, "admin-domains-in-use");

        var empty = $"e{Guid.NewGuid():N}"[..12] + ".example.com";
        await page.GotoAsync("/admin/domains");
        await page.Locator("#add-host").FillAsync(empty);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add domain" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"Remove {empty}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Remove {empty}?" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove the domain" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The domain is removed");
        await Assertions.Expect(page.Locator("tbody tr").Filter(new() { HasText = empty })).ToHaveCountAsync(0);
        Assert.Equal(0, await host.WithDbAsync(db => db.Domains.CountAsync(d => d.Host == empty, Ct)));
    }

    /// <summary>A client of the live app (the in-memory one does not reach Kestrel), with an API key when given; it does not follow redirects.</summary>
    private HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(host.Address + "/") };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }
}
