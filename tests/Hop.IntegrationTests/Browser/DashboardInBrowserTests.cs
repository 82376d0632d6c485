using System.Text.RegularExpressions;
using Hop.IntegrationTests.Domains;
using Hop.IntegrationTests.Infrastructure;
using Hop.IntegrationTests.Links;
using Hop.Links;
using Hop.Pages.Links;
using Microsoft.Playwright;

namespace Hop.IntegrationTests.Browser;

/// <summary>
/// The dashboard as a person uses it in Chromium: their own links only, filters, paging with the cursor,
/// bulk actions through the confirmation page, CSV import with a result per row, export, and stored
/// markup shown as text. Each state is audited (overflow, axe, keyboard) and photographed at both widths.
/// </summary>
public sealed class DashboardInBrowserTests(LiveHost<Sqlite, Defaults> host, BrowserFixture browser) : IClassFixture<LiveHost<Sqlite, Defaults>>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_table_shows_only_your_own_links_and_filters_by_search_tag_and_domain()
    {
        var admin = await host.CreateUserAsync(Hop.Accounts.Roles.Admin);
        const string otherDomain = "dash.example.com";
        await ApiOf(admin).EnsureDomainAsync(otherDomain);
        var (page, user) = await browser.NewSignedInPageAsync(host);
        var other = await host.CreateUserAsync();
        await ApiOf(other).CreateCodeAsync(new { url = "https://example.org/not-yours", title = "Somebody else's link" });

        await page.GotoAsync("/dashboard");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No links yet" })).ToBeVisibleAsync();
        await PageAudit.AssertGoodAsync(page, "dashboard-empty");

        var launch = await ApiOf(user).CreateCodeAsync(new
        {
            url = "https://www.example.com/products/launch/2026/a-rather-long-path-that-has-to-wrap-on-a-phone?utm_source=newsletter&utm_medium=email&utm_campaign=launch",
            title = "Launch announcement",
            tags = new[] { "news", "launch" },
        });
        var docs = await ApiOf(user).CreateCodeAsync(new { url = "https://docs.example.net/guide", title = "The guide", tags = new[] { "docs" } });
        var elsewhere = await ApiOf(user).CreateCodeAsync(new { url = "https://example.com/elsewhere", domain = otherDomain, title = "On the other domain" });

        await page.GotoAsync("/dashboard");
        var rows = page.Locator("table.links-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByText("Somebody else's link")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator($"a[href^='/links/']", new() { HasText = launch })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".cell-url .host", new() { HasText = "www.example.com" })).ToBeVisibleAsync();
        await PageAudit.AssertGoodAsync(page, "dashboard-full");

        await page.GetByLabel("Search").FillAsync("GUIDE");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync(docs);

        await page.GotoAsync("/dashboard");
        await page.GetByLabel("Tag", new() { Exact = true }).SelectOptionAsync("launch");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync(launch);
        await PageAudit.AssertGoodAsync(page, "dashboard-filtered");

        await page.GotoAsync("/dashboard");
        await page.GetByLabel("Domain").SelectOptionAsync(otherDomain);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync($"{otherDomain}/{elsewhere}");

        await page.GetByLabel("Search").FillAsync("nothing-matches-this");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No links match" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Paging_goes_through_more_than_one_page_with_the_cursor_and_back()
    {
        var (page, user) = await browser.NewSignedInPageAsync(host);
        var items = Enumerable.Range(1, 30).Select(i => new { url = $"https://example.com/page/{i}", title = $"Paged link {i:00}" }).ToArray();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await ApiOf(user).PostRawAsync("/api/v1/links/batch", System.Text.Json.JsonSerializer.Serialize(new { items }))).StatusCode);

        await page.GotoAsync("/dashboard");
        await page.GetByLabel("Per page").SelectOptionAsync("25");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        var titles = page.Locator("table.links-table tbody .title");
        await Assertions.Expect(titles).ToHaveCountAsync(25);
        await Assertions.Expect(titles.First).ToHaveTextAsync("Paged link 30");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "← Newer links" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Older links →" }).ClickAsync();
        await Assertions.Expect(titles).ToHaveCountAsync(5);
        await Assertions.Expect(titles.First).ToHaveTextAsync("Paged link 05");
        await Assertions.Expect(titles.Last).ToHaveTextAsync("Paged link 01");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Older links →" })).ToHaveCountAsync(0);
        Assert.Contains("limit=25", page.Url, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "← Newer links" }).ClickAsync();
        await Assertions.Expect(titles).ToHaveCountAsync(25);
        await Assertions.Expect(titles.First).ToHaveTextAsync("Paged link 30");
        await Assertions.Expect(titles.Last).ToHaveTextAsync("Paged link 06");
    }

    [Fact]
    public async Task Bulk_tag_disable_and_delete_ask_for_confirmation_and_say_what_they_did()
    {
        var (page, user) = await browser.NewSignedInPageAsync(host);
        var codes = new List<string>();
        foreach (var i in Enumerable.Range(1, 3))
        {
            codes.Add(await ApiOf(user).CreateCodeAsync(new { url = $"https://example.com/bulk/{i}", title = $"Bulk {i}" }));
        }

        await page.GotoAsync("/dashboard");
        await page.GetByLabel(new Regex($"^Select .+/{codes[0]}$")).CheckAsync();
        await page.GetByLabel(new Regex($"^Select .+/{codes[1]}$")).CheckAsync();
        await page.GetByLabel("Action").SelectOptionAsync(nameof(BulkAction.AddTag));
        await page.GetByLabel("Tag to add or remove").FillAsync("promo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Review" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add the tag “promo” to 2 links?" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("table tbody tr")).ToHaveCountAsync(2);
        await PageAudit.AssertGoodAsync(page, "dashboard-bulk-confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tag 2 links" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("2 links tagged.");
        await Assertions.Expect(page.Locator("a.badge.tag", new() { HasText = "promo" })).ToHaveCountAsync(2);

        await page.Locator("input[name=ids]").First.CheckAsync();
        await page.GetByLabel("Action").SelectOptionAsync(nameof(BulkAction.Disable));
        await page.GetByRole(AriaRole.Button, new() { Name = "Review" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Disable 1 link?" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Disable 1 link" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 link disabled.");
        await Assertions.Expect(page.Locator("table.links-table tbody tr").First.Locator(".badge.danger")).ToHaveTextAsync("disabled");
        Assert.Equal(System.Net.HttpStatusCode.Gone, (await Anonymous().GetAsync($"/{codes[2]}", Ct)).StatusCode);

        foreach (var box in await page.Locator("input[name=ids]").AllAsync())
        {
            await box.CheckAsync();
        }

        await page.GetByLabel("Action").SelectOptionAsync(nameof(BulkAction.Delete));
        await page.GetByRole(AriaRole.Button, new() { Name = "Review" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Delete 3 links?" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete 3 links" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("3 links deleted.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No links yet" })).ToBeVisibleAsync();

        await page.GotoAsync("/dashboard?state=deleted");
        await Assertions.Expect(page.Locator("table.links-table tbody tr")).ToHaveCountAsync(3);
    }

    [Fact]
    public async Task Import_shows_a_result_per_row_and_export_downloads_your_links()
    {
        var (page, user) = await browser.NewSignedInPageAsync(host);
        var other = await host.CreateUserAsync();
        var foreign = await ApiOf(other).CreateCodeAsync(new { url = "https://example.org/foreign" });
        var alias = "imp-" + Guid.NewGuid().ToString("N")[..8];

        await page.GotoAsync("/dashboard/import");
        await PageAudit.AssertGoodAsync(page, "dashboard-import-empty");

        var csv = $"url,alias,title,tags\r\nhttps://example.com/imported,{alias},Imported,csv\r\njavascript:alert(1),,Bad row,\r\n";
        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload
        {
            Name = "links.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 link created, 1 row failed.");
        var rows = page.Locator("table.import-results tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("2");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync(alias);
        await Assertions.Expect(rows.Nth(0).Locator(".badge")).ToHaveTextAsync("ok");
        await Assertions.Expect(rows.Nth(1).Locator(".badge")).ToHaveTextAsync("error");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("url");
        await PageAudit.AssertGoodAsync(page, "dashboard-import-results");

        await page.GotoAsync("/dashboard");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());
        var path = await download.PathAsync();
        var exported = CsvText.Parse(await File.ReadAllTextAsync(path, Ct)).ToList();
        Assert.Equal("code", exported[0][0]);
        Assert.Equal([alias], exported.Skip(1).Select(r => r[0]));
        Assert.DoesNotContain(exported, r => r[0] == foreign);
    }

    [Fact]
    public async Task Markup_in_a_title_and_a_tag_is_shown_as_text()
    {
        const string title = "<img src=x onerror=alert(1)>";
        const string tag = "\"><script>alert(2)</script>";
        var (page, user) = await browser.NewSignedInPageAsync(host);
        var dialogs = 0;
        page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };
        await ApiOf(user).CreateCodeAsync(new { url = "https://example.com/xss", title, tags = new[] { tag } });

        await page.GotoAsync("/dashboard");
        var row = page.Locator("table.links-table tbody tr").First;
        await Assertions.Expect(row.Locator(".title")).ToHaveTextAsync(title);
        await Assertions.Expect(row.Locator("a.badge.tag")).ToHaveTextAsync(tag);
        await Assertions.Expect(page.Locator("img[src=x]")).ToHaveCountAsync(0);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.scripts].filter(s => !s.src).length"));
        await Assertions.Expect(page.GetByLabel("Tag", new() { Exact = true }).Locator("option", new() { HasText = tag })).ToHaveCountAsync(1);

        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", await page.ContentAsync(), StringComparison.Ordinal);

        // Filtering by that tag, with markup in the search box too: the values come back as values.
        await page.GotoAsync($"/dashboard?tag={Uri.EscapeDataString(tag)}&q={Uri.EscapeDataString("<b>x")}");
        await Assertions.Expect(page.GetByLabel("Search")).ToHaveValueAsync("<b>x");
        await Assertions.Expect(page.Locator("main b")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("main script")).ToHaveCountAsync(0);
        Assert.Equal(0, dialogs);
    }

    /// <summary>The user's API key on the live server (the factory's own clients talk to its in-memory one).</summary>
    private HttpClient ApiOf(TestUser user)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user.ApiKey);
        return client;
    }

    private HttpClient Anonymous() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(host.Address) };
}
