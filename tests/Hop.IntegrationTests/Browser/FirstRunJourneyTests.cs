using System.Text.RegularExpressions;
using Hop.Accounts;
using Hop.IntegrationTests.Accounts;
using Hop.IntegrationTests.Clicks;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hop.IntegrationTests.Browser;

/// <summary>
/// A new installation as its first person meets it, in the real browser from start to end: the setup
/// link creates the first admin, the start page shortens a link, a visitor follows it in another
/// browser, and the click appears on the link's page while it stays open.
/// </summary>
public sealed class FirstRunJourneyTests(LiveHost<Sqlite, FastClicks> host, BrowserFixture browser) : IClassFixture<LiveHost<Sqlite, FastClicks>>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_admin_shortens_a_link_and_sees_its_click_arrive_live()
    {
        string token;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            (token, _) = await scope.ServiceProvider.GetRequiredService<UserAccounts>()
                .CreateInviteAsync(Roles.Admin, createdBy: null, TimeSpan.FromHours(1), Ct);
        }

        var page = await browser.NewPageAsync(host);
        await page.GotoAsync(UserAccounts.InvitePath(token));
        var name = $"first{Guid.NewGuid():N}"[..12];
        await page.GetByLabel("Username", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync($"{name}@example.org");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(AccountsTestKit.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync(host.Address + "/");

        const string target = "https://example.com/first/journey";
        await page.GetByLabel("Long address").FillAsync(target);
        await page.GetByRole(AriaRole.Button, new() { Name = "Shorten", Exact = true }).ClickAsync();
        var shortUrl = await page.GetByLabel("Short link", new() { Exact = true }).InputValueAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit and see its statistics" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/links/[0-9]+$"));
        await Expect(Tile(page, "Total visits")).ToHaveTextAsync("0");
        await Expect(page.Locator("[data-live-state=open]")).ToHaveCountAsync(1);
        await page.EvaluateAsync("() => { window.stillTheSamePage = true; }");

        // A visitor follows the short link (the target's site is not on this machine, so only the hop to it).
        using var visitor = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        visitor.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36");
        using var followed = await visitor.GetAsync(shortUrl, Ct);
        Assert.Equal(System.Net.HttpStatusCode.Found, followed.StatusCode);
        Assert.Equal(target, followed.Headers.Location?.ToString());

        await Expect(Tile(page, "Total visits")).ToHaveTextAsync("1");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("1 new visit");
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));
        await PageAudit.AssertGoodAsync(page, "journey-link-page");
    }

    private static ILocator Tile(IPage page, string label) =>
        page.Locator(".tile", new() { Has = page.Locator(".label", new() { HasTextRegex = new Regex("^" + Regex.Escape(label)) }) }).Locator(".value");
}
