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

    [Fact]
    public async Task Importing_a_file_shows_its_progress_and_then_the_counts()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var owner = await host.CreateUserAsync();
        var code = await CreateLinkAsync(owner, $"https://hosts-{tag}.example.com/x");
        var (page, _) = await browser.NewSignedInPageAsync(host, Roles.Admin);
        await page.GotoAsync("/admin/blocklist");
        await page.GetByLabel("Domain or exact URL").FillAsync($"present-{tag}.example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the blocklist" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Added" })).ToBeVisibleAsync();

        // 2 comments, 1 blank, 5 valid (hosts, adblock, plain; one already listed), 2 invalid (an IP, a public suffix), 1 junk.
        var list = string.Join('\n',
            "# a test list", "! adblock comment", "",
            $"0.0.0.0 hosts-{tag}.example.com", $"||adblock-{tag}.example.com^", $"plain-{tag}.example.com",
            $"https://exact-{tag}.example.com/path", $"present-{tag}.example.com",
            "192.0.2.1", "co.uk", "this line is junk");
        await page.GetByLabel("List file").SetInputFilesAsync(new FilePayload
        {
            Name = $"list-{tag}.txt", MimeType = "text/plain", Buffer = System.Text.Encoding.UTF8.GetBytes(list),
        });
        await page.GetByLabel("Reason (optional)").Last.FillAsync("imported in a test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the import" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/blocklist/imports/[0-9a-f]+$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Finished" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("progress")).ToHaveAttributeAsync("value", "1000");
        await AssertTileAsync(page, "added", "4");
        await AssertTileAsync(page, "already present", "1");
        await AssertTileAsync(page, "links disabled", "1");
        await AssertTileAsync(page, "valid entries", "5");
        await AssertTileAsync(page, "invalid", "2");
        await AssertTileAsync(page, "comments", "2");
        await AssertTileAsync(page, "junk lines", "1");
        Assert.Equal(0, await page.Locator("meta[http-equiv=refresh]").CountAsync());
        Assert.Equal(HttpStatusCode.Gone, (await FollowAsync(code)).StatusCode);
        await PageAudit.AssertGoodAsync(page, "admin-blocklist-import-finished");

        await page.GotoAsync($"/admin/blocklist?q={tag}");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = $"import:list-{tag}.txt" })).ToHaveCountAsync(4);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"list-{tag}.txt" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_abuse_report_appears_in_the_queue_and_disable_link_disables_it()
    {
        var owner = await host.CreateUserAsync();
        var url = $"https://example.com/phish-{Guid.NewGuid():N}";
        using var client = Client(owner);
        var created = await (await client.CreateLinkAsync(new { url })).ReadJsonAsync();
        var code = created.Str("code");
        var details = $"<script>alert('{code}')</script> it asks for my bank password";
        using var reporter = new HttpClient { BaseAddress = new Uri(host.Address) };
        var reported = await reporter.PostAsJsonAsync("/api/v1/reports",
            new { shortUrl = created.Str("shortUrl"), reason = "phishing", details, contactEmail = "reporter@example.test" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, reported.StatusCode);
        var id = (await reported.ReadJsonAsync()).GetProperty("id").GetInt64();

        var (page, admin) = await browser.NewSignedInPageAsync(host, Roles.Admin);
        await page.GotoAsync("/admin/reports?status=dismissed");
        await PageAudit.AssertGoodAsync(page, "admin-reports-empty");

        await page.GotoAsync("/admin/reports");
        var card = page.GetByRole(AriaRole.Article, new() { Name = $"Report #{id}" });
        await Assertions.Expect(card).ToContainTextAsync("/" + code);
        await Assertions.Expect(card).ToContainTextAsync("example.com");
        await Assertions.Expect(card).ToContainTextAsync(owner.Username);
        await Assertions.Expect(card).ToContainTextAsync(details);
        await Assertions.Expect(card).ToContainTextAsync("reporter@example.test");
        Assert.Equal(0, await page.Locator("script:not([src])").CountAsync());
        await PageAudit.AssertGoodAsync(page, "admin-reports");

        await card.GetByRole(AriaRole.Link, new() { Name = $"Disable link (report #{id})" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Disable link?" })).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.Found, (await FollowAsync(code)).StatusCode);
        await PageAudit.AssertGoodAsync(page, "admin-report-confirm");
        await page.GetByLabel("Note (optional, kept with the report)").FillAsync("confirmed phishing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm: disable link" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Disabled the link");
        await Assertions.Expect(page.Locator(".action-log")).ToContainTextAsync($"Disable link by {admin.Username}");
        await Assertions.Expect(page.Locator(".action-log")).ToContainTextAsync("confirmed phishing");
        Assert.Equal(HttpStatusCode.Gone, (await FollowAsync(code)).StatusCode);
        var status = await host.WithDbAsync(db => db.AbuseReports.Where(r => r.Id == id).Select(r => r.Status).SingleAsync(Ct));
        Assert.Equal(ReportStatus.Actioned, status);
        await PageAudit.AssertGoodAsync(page, "admin-report-detail");
    }

    [Theory]
    [InlineData("/admin/blocklist")]
    [InlineData("/admin/blocklist/imports/0123456789abcdef")]
    [InlineData("/admin/reports")]
    [InlineData("/admin/reports/1")]
    [InlineData("/admin/status")]
    public async Task A_non_admin_gets_no_admin_page(string path)
    {
        var (page, _) = await browser.NewSignedInPageAsync(host);
        var response = await page.GotoAsync(path);
        Assert.NotNull(response);
        Assert.NotEqual(200, response.Status);
        Assert.DoesNotContain("/admin/", new Uri(page.Url).AbsolutePath + "/", StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Blocklist" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Abuse reports" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Status" })).ToHaveCountAsync(0);

        var anonymous = await browser.NewPageAsync(host);
        await anonymous.GotoAsync(path);
        await Assertions.Expect(anonymous).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
    }

    [Fact]
    public async Task The_status_page_counts_a_visit()
    {
        var owner = await host.CreateUserAsync();
        var code = await CreateLinkAsync(owner, $"https://example.com/status-{Guid.NewGuid():N}");
        var (page, _) = await browser.NewSignedInPageAsync(host, Roles.Admin);
        await page.GotoAsync("/admin/status");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Status", Exact = true })).ToBeVisibleAsync();
        var before = Count(await page.Locator("#clicks-received").InnerTextAsync());
        await Assertions.Expect(page.Locator(".tile").Filter(new() { HasText = "database latency" })).ToContainTextAsync(" ms");

        Assert.Equal(HttpStatusCode.Found, (await FollowAsync(code)).StatusCode);
        await page.ReloadAsync();
        Assert.True(Count(await page.Locator("#clicks-received").InnerTextAsync()) > before);
        await Assertions.Expect(page.Locator(".status-list").Filter(new() { HasText = "Version" })).ToContainTextAsync("Sqlite");
        await PageAudit.AssertGoodAsync(page, "admin-status");
    }

    private static long Count(string text) => long.Parse(text.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    private static Task AssertTileAsync(IPage page, string label, string value) =>
        Assertions.Expect(page.Locator(".tile").Filter(new() { Has = page.Locator(".label", new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{label}$") }) }).Locator(".value"))
            .ToHaveTextAsync(value);

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
