using System.Net;
using Hop.IntegrationTests.Infrastructure;
using Hop.IntegrationTests.Links;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hop.IntegrationTests.Browser;

/// <summary>
/// What a visitor of a short link sees when it does not simply redirect, and the report form, in the real
/// browser at 375 and 1440 px: the info page, the password prompt (and a wrong password), the 404 and 410
/// pages, the interstitial, the report form (empty, with errors, sent) and the bare preview page bots get.
/// </summary>
public sealed class PublicPagesInBrowserTests(LiveHost<Sqlite, Defaults> host, BrowserFixture browser) : IClassFixture<LiveHost<Sqlite, Defaults>>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A user whose API client talks to the live host's port.</summary>
    private async Task<TestUser> OwnerAsync()
    {
        var owner = await host.CreateUserAsync();
        owner.Client.BaseAddress = new Uri(host.Address);
        return owner;
    }

    [Fact]
    public async Task The_info_page_shows_where_a_link_leads_and_passes_the_audit()
    {
        var owner = await OwnerAsync();
        var code = await owner.Client.CreateCodeAsync(new
        {
            url = "https://docs.example.com/guides/getting-started/installation/linux/debian?version=13&arch=amd64#requirements",
            title = "Installing <Hop> on Debian",
        });
        var page = await browser.NewPageAsync(host);
        var response = await page.GotoAsync($"/{code}+");
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Where this link leads" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Installing <Hop> on Debian")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Continue to the target" }))
            .ToHaveAttributeAsync("href", "https://docs.example.com/guides/getting-started/installation/linux/debian?version=13&arch=amd64#requirements");
        await PageAudit.AssertGoodAsync(page, "public-info");
    }

    [Fact]
    public async Task The_password_prompt_says_when_the_password_is_wrong()
    {
        var owner = await OwnerAsync();
        var code = await owner.Client.CreateCodeAsync(new { url = "https://example.com/secret", password = "open sesame" });
        var page = await browser.NewPageAsync(host);
        await page.GotoAsync($"/{code}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This link is password-protected" })).ToBeVisibleAsync();
        await PageAudit.AssertGoodAsync(page, "public-password");

        await page.GetByLabel("Password").FillAsync("not it");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That password is not right");
        await Assertions.Expect(page.GetByLabel("Password")).ToHaveAttributeAsync("aria-invalid", "true");
        await PageAudit.AssertGoodAsync(page, "public-password-wrong");
    }

    [Fact]
    public async Task Unknown_and_gone_links_and_unknown_pages_get_pages_in_the_layout()
    {
        var owner = await OwnerAsync();
        var gone = await owner.Client.CreateCodeAsync(new { url = "https://example.org/gone" });
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/links/{gone}", Ct)).StatusCode);
        var page = await browser.NewPageAsync(host);

        Assert.Equal(404, (await page.GotoAsync("/zzzzzzz"))!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Link not found" })).ToBeVisibleAsync();
        await PageAudit.AssertGoodAsync(page, "public-404");

        Assert.Equal(404, (await page.GotoAsync("/some/thing/else"))!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Go to the start page" })).ToBeVisibleAsync();
        await PageAudit.AssertGoodAsync(page, "public-404-page");

        Assert.Equal(410, (await page.GotoAsync($"/{gone}"))!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Link gone" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Report this link" })).ToHaveAttributeAsync("href", $"/report?code={gone}");
        await PageAudit.AssertGoodAsync(page, "public-410");
    }

    [Fact]
    public async Task The_interstitial_names_the_real_host_and_its_continue_link_leads_there()
    {
        var owner = await OwnerAsync();
        const string target = "https://xn--80ak6aa92e.com/account/verify/session/7f3a9c2e41d84b0a9e55c1d2?return=%2Fpayments%2Fconfirm&lang=en-GB";
        var code = await owner.Client.CreateCodeAsync(new { url = target });
        await host.WithDbAsync(db => db.Links.Where(l => l.Code == code)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Warning, "several visitors reported this link"), Ct));
        host.Services.GetRequiredService<Hop.Redirects.LinkCache>().Invalidate(code);

        var page = await browser.NewPageAsync(host);
        Assert.Equal(200, (await page.GotoAsync($"/{code}"))!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You are leaving for xn--80ak6aa92e.com" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("several visitors reported this link")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Continue to xn--80ak6aa92e.com" })).ToHaveAttributeAsync("href", target);
        await PageAudit.AssertGoodAsync(page, "public-interstitial");
    }

    [Fact]
    public async Task The_report_form_shows_its_errors_and_then_its_thanks()
    {
        var owner = await OwnerAsync();
        var code = await owner.Client.CreateCodeAsync(new { url = "https://example.net/report-me" });
        var page = await browser.NewPageAsync(host);
        await page.GotoAsync("/report");
        await PageAudit.AssertGoodAsync(page, "public-report");

        await page.GetByLabel("Short link").FillAsync("https://elsewhere.example/nope!");
        await page.GetByLabel("Your email").FillAsync("not-an-email");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This is not a short link of this site.");
        await Assertions.Expect(page.GetByLabel("Short link")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("Your email")).ToHaveValueAsync("not-an-email");
        await PageAudit.AssertGoodAsync(page, "public-report-errors");

        await page.GotoAsync($"/report?code={code}");
        await Assertions.Expect(page.GetByLabel("Short link")).ToHaveValueAsync(code);
        await page.GetByLabel("Reason").SelectOptionAsync("phishing");
        await page.GetByLabel("What is wrong with it?").FillAsync("It asks for my bank password.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you" })).ToBeVisibleAsync();
        await PageAudit.AssertGoodAsync(page, "public-report-sent");
    }

    [Fact]
    public async Task An_unfurler_gets_the_bare_preview_page()
    {
        var owner = await OwnerAsync();
        var code = await owner.Client.CreateCodeAsync(new
        {
            url = "https://example.com/launch",
            preview = new { title = "Our <launch> & more", description = "What is \"new\" this spring", image = "https://cdn.example.com/card.png" },
        });
        var page = await browser.NewPageAsync(host, userAgent: "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)");
        Assert.Equal(200, (await page.GotoAsync($"/{code}"))!.Status);
        await Assertions.Expect(page.Locator("meta[property='og:title']")).ToHaveAttributeAsync("content", "Our <launch> & more");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "https://example.com/launch" })).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("link[rel=stylesheet], script").CountAsync());
        await PageAudit.AssertGoodAsync(page, "public-preview");
    }
}
