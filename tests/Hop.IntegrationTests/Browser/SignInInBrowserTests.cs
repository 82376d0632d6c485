using Hop.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Hop.IntegrationTests.Browser;

/// <summary>The sign-in page in the real browser: a person signs in with the keyboard and lands signed in.</summary>
public sealed class SignInInBrowserTests(LiveHost<Sqlite, Defaults> host, BrowserFixture browser) : IClassFixture<LiveHost<Sqlite, Defaults>>
{
    [Fact]
    public async Task A_person_signs_in_and_the_page_passes_the_audit()
    {
        var (user, password) = await host.CreateUserWithPasswordAsync();
        var page = await browser.NewPageAsync(host);
        await page.GotoAsync("/login");
        await PageAudit.AssertGoodAsync(page, "sign-in");

        await page.GetByLabel("Username or email").FillAsync(user.Username);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/dashboard");
        await page.GotoAsync("/");

        await Assertions.Expect(page.GetByText(user.Username).First).ToBeVisibleAsync();
    }
}
