using System.Net;
using System.Net.Http.Json;
using Hop.Accounts;
using Hop.IntegrationTests.Infrastructure;
using Hop.Safety.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Hop.IntegrationTests.Browser;

/// <summary>
/// The admin's safety pages in the real browser: the blocklist (add, remove, import a file in the
/// background with its progress page), the abuse report queue and its actions, and the status panel.
/// </summary>
public sealed class SafetyAdminInBrowserTests(LiveHost<Sqlite, Defaults> host, BrowserFixture browser) : IClassFixture<LiveHost<Sqlite, Defaults>>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_blocks_a_domain_on_the_blocklist_page_and_its_link_then_answers_410()
    {
        var domain = $"evil-{Guid.NewGuid():N}"[..20] + ".example.com";
        var owner = await host.CreateUserAsync();
        var code = await CreateLinkAsync(owner, $"https://www.{domain}/login");
        Assert.Equal(HttpStatusCode.Found, (await FollowAsync(code)).StatusCode);

        var (page, _) = await browser.NewSignedInPageAsync(host, Roles.Admin);
        await page.GotoAsync("/admin/blocklist");
        await PageAudit.AssertGoodAsync(page, "admin-blocklist");

        await page.GetByLabel("Domain or exact URL").FillAsync(domain);
        await page.GetByLabel("Reason (optional)").First.FillAsync("phishing kit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the blocklist" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = domain }))
            .ToContainTextAsync("1 link to it was disabled and now answers 410 Gone.");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = domain, Exact = true })).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.Gone, (await FollowAsync(code)).StatusCode);
        await PageAudit.AssertGoodAsync(page, "admin-blocklist-entries");

        // Adding it again says so at the field; removing it (after a confirmation) brings the link back.
        await page.GetByLabel("Domain or exact URL").FillAsync(domain.ToUpperInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the blocklist" }).ClickAsync();
        await Assertions.Expect(page.Locator("#value-error")).ToContainTextAsync("already on the blocklist");

        await page.GotoAsync("/admin/blocklist?q=" + domain);
        await page.GetByRole(AriaRole.Link, new() { Name = "Remove " + domain }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Remove {domain}?" })).ToBeVisibleAsync();
        await PageAudit.AssertGoodAsync(page, "admin-blocklist-remove");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove from the blocklist" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Removed" })).ToContainTextAsync("1 link back to normal");
        Assert.Equal(HttpStatusCode.Found, (await FollowAsync(code)).StatusCode);
    }

    private async Task<string> CreateLinkAsync(TestUser owner, string url)
    {
        using var client = Client(owner);
        var created = await client.CreateLinkAsync(new { url });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.ReadJsonAsync()).Str("code");
    }

    /// <summary>A client of the live host with <paramref name="user"/>'s API key (the user's own client speaks to the in-memory server).</summary>
    private HttpClient Client(TestUser user)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(host.Address) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user.ApiKey);
        return client;
    }

    /// <summary>A visitor following the short link, without following where it leads.</summary>
    private async Task<HttpResponseMessage> FollowAsync(string code)
    {
        using var visitor = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(host.Address) };
        return await visitor.GetAsync("/" + code, Ct);
    }
}
