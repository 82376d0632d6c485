using System.Net;
using System.Net.Http.Headers;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Hop.IntegrationTests.Browser;

/// <summary>The API keys page in the real browser: a key made there works against the API until it is revoked there.</summary>
public sealed class KeysInBrowserTests(LiveHost<Sqlite, Defaults> host, BrowserFixture browser) : IClassFixture<LiveHost<Sqlite, Defaults>>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_key_made_on_the_page_is_shown_once_works_with_its_scopes_and_stops_when_revoked()
    {
        var (page, user) = await browser.NewSignedInPageAsync(host);
        await host.WithDbAsync(db => db.ApiKeys.Where(k => k.UserId == user.Id).ExecuteDeleteAsync(Ct));
        await page.GotoAsync("/keys");
        await Assertions.Expect(page.GetByText("You have no API keys yet.")).ToBeVisibleAsync();
        // A user cannot grant what they do not hold.
        Assert.Equal(0, await page.Locator("input[value=admin]").CountAsync());
        await PageAudit.AssertGoodAsync(page, "keys-empty");

        await page.GetByLabel("Name").FillAsync("nightly export");
        await page.Locator("#scope-links-write").UncheckAsync();
        await page.Locator("#scope-stats-read").CheckAsync();
        await page.GetByLabel("Expires", new() { Exact = true }).SelectOptionAsync("30");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/keys", StringComparison.Ordinal));
        Assert.Equal(200, response.Status);
        Assert.Contains("no-store", (await response.AllHeadersAsync())["cache-control"], StringComparison.Ordinal);
        Assert.DoesNotContain("hop_", response.Url, StringComparison.Ordinal);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Key “nightly export” created" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("you will not see it again", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy the API key" })).ToBeVisibleAsync();
        var secret = await page.Locator("#new-key-secret").InputValueAsync();
        Assert.StartsWith("hop_", secret, StringComparison.Ordinal);
        var row = page.Locator("tbody tr").Filter(new() { HasText = "nightly export" });
        await Assertions.Expect(row).ToContainTextAsync("links:read");
        await Assertions.Expect(row).ToContainTextAsync("stats:read");
        await Assertions.Expect(row).Not.ToContainTextAsync("links:write");
        await Assertions.Expect(row).ToContainTextAsync("Every domain");
        await PageAudit.AssertGoodAsync(page, "keys-created");

        var api = Client(secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/links", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.CreateLinkAsync(new { url = "https://example.com/no-write" })).StatusCode);
        var stored = await host.WithDbAsync(db => db.ApiKeys.SingleAsync(k => k.UserId == user.Id, Ct));
        Assert.Equal(host.Now.UtcDateTime.AddDays(30), stored.ExpiresAt!.Value, TimeSpan.FromMinutes(5));

        // Shown once: the list never has it again.
        await page.GotoAsync("/keys");
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("tbody tr").Filter(new() { HasText = "nightly export" })).Not.ToContainTextAsync("Never");
        await PageAudit.AssertGoodAsync(page, "keys-list");

        await page.GetByRole(AriaRole.Link, new() { Name = "Revoke nightly export" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Revoke “nightly export”?" })).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/links", Ct)).StatusCode);
        await PageAudit.AssertGoodAsync(page, "keys-revoke-confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke the key" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Key “nightly export” is revoked")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tbody tr").Filter(new() { HasText = "nightly export" })).ToContainTextAsync("revoked");

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/links", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_page_says_what_is_wrong_with_a_key_and_makes_none()
    {
        var (page, user) = await browser.NewSignedInPageAsync(host, width: 375);
        await page.GotoAsync("/keys");
        await page.Locator("#scope-links-read").UncheckAsync();
        await page.Locator("#scope-links-write").UncheckAsync();
        await page.GetByLabel("Expires", new() { Exact = true }).SelectOptionAsync("date");
        await page.GetByLabel("Expiry date").FillAsync("2001-01-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Expires: expiresAt must be in the future.");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Name: name must be 1 to 100 characters");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Scopes: scopes must list one or more");
        await Assertions.Expect(page.GetByLabel("Name")).ToHaveAttributeAsync("aria-invalid", "true");
        await PageAudit.AssertGoodAsync(page, "keys-errors");
        Assert.Equal(1, await host.WithDbAsync(db => db.ApiKeys.CountAsync(k => k.UserId == user.Id, Ct)));

        // Another user's key cannot be revoked from here.
        var other = await host.CreateUserAsync();
        var otherKey = await host.WithDbAsync(db => db.ApiKeys.SingleAsync(k => k.UserId == other.Id, Ct));
        await page.GotoAsync($"/keys?revoke={otherKey.Id}");
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Revoke the key" }).CountAsync());
        Assert.Equal(HttpStatusCode.OK, (await Client(other.ApiKey).GetAsync("/api/v1/links", Ct)).StatusCode);
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
