using System.Net;
using Hop.IntegrationTests.Accounts;
using Hop.IntegrationTests.Clicks;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hop.IntegrationTests.Browser;

/// <summary>The home page: shorten a link, get its copy button and QR code, follow it; errors as sentences; visitors asked to sign in.</summary>
public sealed class HomeInBrowserTests(LiveHost<Sqlite, Defaults> host, BrowserFixture browser) : IClassFixture<LiveHost<Sqlite, Defaults>>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_person_shortens_a_link_copies_it_and_the_short_link_redirects()
    {
        var (page, _) = await browser.NewSignedInPageAsync(host);
        await page.GotoAsync("/");
        await PageAudit.AssertGoodAsync(page, "home");

        const string target = "https://example.com/a/rather/long/path/to/share?with=query";
        await page.GetByLabel("Long address").FillAsync(target);
        await page.GetByRole(AriaRole.Button, new() { Name = "Shorten", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your short link is ready" })).ToBeVisibleAsync();
        var shortUrl = await page.GetByLabel("Short link", new() { Exact = true }).InputValueAsync();
        Assert.StartsWith(host.Address + "/", shortUrl, StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy the short link" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = $"QR code for {shortUrl}" })).ToBeVisibleAsync();
        var code = shortUrl[(host.Address.Length + 1)..];
        var id = await host.WithDbAsync(db => db.Links.Where(l => l.Code == code).Select(l => l.Id).SingleAsync(Ct));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit and see its statistics" })).ToHaveAttributeAsync("href", $"/links/{id}");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "All your links" })).ToHaveAttributeAsync("href", "/dashboard");
        await PageAudit.AssertGoodAsync(page, "home-result");

        using var visitor = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var followed = await visitor.GetAsync(shortUrl, Ct);
        Assert.Equal(HttpStatusCode.Found, followed.StatusCode);
        Assert.Equal(target, followed.Headers.Location?.ToString());
        await Poll.UntilAsync(async () => await host.WithClicksDbAsync(c =>
            c.VisitCounts.Where(v => v.LinkId == id).SumAsync(v => v.Counts.Total, Ct)) >= 1, "the click is counted");
    }

    [Fact]
    public async Task A_taken_alias_and_an_unsafe_target_are_sentences_on_the_form()
    {
        var (page, user) = await browser.NewSignedInPageAsync(host);
        var alias = $"h{Guid.NewGuid():N}"[..10];
        using var api = new HttpClient { BaseAddress = new Uri(host.Address) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", user.ApiKey);
        Assert.Equal(HttpStatusCode.Created, (await api.CreateLinkAsync(new { url = "https://example.com/first", alias })).StatusCode);

        await page.GotoAsync("/");
        await page.GetByLabel("Long address").FillAsync("https://example.com/second");
        await page.GetByLabel("Alias").FillAsync(alias);
        await page.GetByRole(AriaRole.Button, new() { Name = "Shorten", Exact = true }).ClickAsync();
        await Expect(page.Locator(".field-error")).ToContainTextAsync($"The alias “{alias}” is already taken");
        await Expect(page.GetByLabel("Alias")).ToHaveValueAsync(alias);

        await page.GetByLabel("Long address").FillAsync("http://127.0.0.1/admin");
        await page.GetByLabel("Alias").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Shorten", Exact = true }).ClickAsync();
        await Expect(page.Locator(".field-error")).ToContainTextAsync("The long address");
        await Expect(page.GetByLabel("Long address")).ToHaveAttributeAsync("aria-invalid", "true");
        await PageAudit.AssertGoodAsync(page, "home-errors");
    }

    [Fact]
    public async Task A_visitor_is_asked_to_sign_in_when_anonymous_links_are_off()
    {
        var page = await browser.NewPageAsync(host);
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to shorten links" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Long address")).ToHaveCountAsync(0);
        await PageAudit.AssertGoodAsync(page, "home-anonymous");

        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/login");
    }
}

/// <summary>Anonymous creation on, two links a minute per client IP.</summary>
public sealed class AnonymousHome : HostProfile
{
    internal override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("Accounts:AnonymousCreate", "true"), new("RateLimits:AnonymousCreatesPerMinute", "2")];
}

/// <summary>With anonymous creation on, a visitor shortens a link that belongs to no one, within the anonymous limit.</summary>
public sealed class AnonymousHomeInBrowserTests(LiveHost<Sqlite, AnonymousHome> host, BrowserFixture browser)
    : IClassFixture<LiveHost<Sqlite, AnonymousHome>>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_visitor_shortens_a_link_and_the_anonymous_limit_holds()
    {
        var page = await browser.NewPageAsync(host);
        await page.GotoAsync("/");
        await PageAudit.AssertGoodAsync(page, "home-anonymous-form");

        await page.GetByLabel("Long address").FillAsync("https://example.com/anonymous");
        await page.GetByRole(AriaRole.Button, new() { Name = "Shorten", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your short link is ready" })).ToBeVisibleAsync();
        var shortUrl = await page.GetByLabel("Short link", new() { Exact = true }).InputValueAsync();
        var code = shortUrl[(host.Address.Length + 1)..];
        Assert.Null(await host.WithDbAsync(db => db.Links.Where(l => l.Code == code).Select(l => l.OwnerId).SingleAsync(Ct)));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit and see its statistics" })).ToHaveCountAsync(0);
        await PageAudit.AssertGoodAsync(page, "home-anonymous-result");

        // The API and the form share the visitor's budget: one through the API, and the form is refused.
        using var api = new HttpClient { BaseAddress = new Uri(host.Address) };
        Assert.Equal(HttpStatusCode.Created, (await api.CreateLinkAsync(new { url = "https://example.com/anonymous-api" })).StatusCode);
        await page.GetByLabel("Long address").FillAsync("https://example.com/anonymous-third");
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Shorten", Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST");
        Assert.Equal((int)HttpStatusCode.TooManyRequests, refused.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Too many requests" })).ToBeVisibleAsync();
        Assert.Equal(0, await host.WithDbAsync(db => db.Links.CountAsync(l => l.TargetUrl == "https://example.com/anonymous-third", Ct)));
    }
}
