using Hop.Accounts;
using Hop.IntegrationTests.Accounts;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hop.IntegrationTests.Browser;

/// <summary>
/// The account pages as a person uses them: the first admin through the setup link, registration's rules
/// as sentences, a wrong password at sign-in, and changing the password then signing in with the new one.
/// </summary>
public sealed class AccountsInBrowserTests(LiveHost<Sqlite, Defaults> host, BrowserFixture browser) : IClassFixture<LiveHost<Sqlite, Defaults>>
{
    private const string NewPassword = "quartz-ladder-meadow-77";

    [Fact]
    public async Task The_first_admin_registers_through_the_setup_link_and_lands_home_signed_in()
    {
        var token = await InviteAsync(Roles.Admin, createdBy: null);
        var page = await browser.NewPageAsync(host);
        await page.GotoAsync(UserAccounts.InvitePath(token));
        await Expect(page.GetByText("This setup link creates the first administrator")).ToBeVisibleAsync();
        await PageAudit.AssertGoodAsync(page, "register-invite");

        var name = $"a{Guid.NewGuid():N}"[..12];
        await FillRegistrationAsync(page, name, $"{name}@example.org", AccountsTestKit.Password);
        await page.WaitForURLAsync(host.Address + "/");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Long address")).ToBeVisibleAsync();
        await PageAudit.AssertGoodAsync(page, "home-signed-in");
    }

    [Fact]
    public async Task Registration_rules_show_as_text_next_to_their_field()
    {
        var taken = await host.CreateUserAsync();
        var page = await browser.NewPageAsync(host);
        await page.GotoAsync(UserAccounts.InvitePath(await InviteAsync(Roles.User, createdBy: taken.Id)));
        await PageAudit.AssertGoodAsync(page, "register");
        var name = $"r{Guid.NewGuid():N}"[..12];

        await FillRegistrationAsync(page, name, $"{name}@example.org", "short-1");
        await Expect(page.Locator(".field-error").GetByText("Password must be at least 12 characters long.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await PageAudit.AssertGoodAsync(page, "register-errors");

        await FillRegistrationAsync(page, name, $"{name}@example.org", "password1234");
        await Expect(page.Locator(".field-error").GetByText("Password is too common; choose another.")).ToBeVisibleAsync();

        await FillRegistrationAsync(page, taken.Username, $"{name}@example.org", AccountsTestKit.Password);
        await Expect(page.Locator(".field-error").GetByText("Another account already uses this username.")).ToBeVisibleAsync();

        await FillRegistrationAsync(page, name, $"{name}@example.org", AccountsTestKit.Password);
        await page.WaitForURLAsync(host.Address + "/");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Without_an_invite_the_register_page_explains_and_sign_in_shows_a_wrong_password()
    {
        var page = await browser.NewPageAsync(host);
        await page.GotoAsync("/register");
        await Expect(page.GetByText("Registration is by invitation.")).ToBeVisibleAsync();
        await PageAudit.AssertGoodAsync(page, "register-by-invitation");

        var (user, _) = await host.CreateUserWithPasswordAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("Username or email").FillAsync(user.Username);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The username or password is wrong");
        await PageAudit.AssertGoodAsync(page, "sign-in-error");
    }

    [Fact]
    public async Task A_person_changes_their_password_and_signs_in_with_the_new_one()
    {
        var (user, password) = await host.CreateUserWithPasswordAsync();
        var page = await browser.NewPageAsync(host);
        await page.GotoAsync("/account");
        await page.WaitForURLAsync("**/login?ReturnUrl=%2Faccount");
        await SignInAsync(page, user.Username, password);
        await page.WaitForURLAsync(host.Address + "/account");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account" })).ToBeVisibleAsync();
        await Expect(page.Locator("dd").GetByText(user.Username, new() { Exact = true })).ToBeVisibleAsync();
        await PageAudit.AssertGoodAsync(page, "account");

        await ChangePasswordAsync(page, "not-the-password-1", "short", "short");
        await Expect(page.Locator(".field-error").GetByText("Current password is wrong.")).ToBeVisibleAsync();
        await Expect(page.Locator(".field-error").GetByText("New password must be at least 12 characters long.")).ToBeVisibleAsync();
        await PageAudit.AssertGoodAsync(page, "account-errors");

        await ChangePasswordAsync(page, password, NewPassword, NewPassword);
        await Expect(page.GetByText("Your password is changed.")).ToBeVisibleAsync();
        await PageAudit.AssertGoodAsync(page, "account-changed");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(host.Address + "/");
        await Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();

        await page.GotoAsync("/login");
        await SignInAsync(page, user.Username, password);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The username or password is wrong");
        await SignInAsync(page, user.Username, NewPassword);
        await page.WaitForURLAsync("**/dashboard");
        await page.GotoAsync("/account");
        await Expect(page.Locator("dd").GetByText(user.Username, new() { Exact = true })).ToBeVisibleAsync();
    }

    private static async Task FillRegistrationAsync(IPage page, string username, string email, string password)
    {
        await page.GetByLabel("Username", new() { Exact = true }).FillAsync(username);
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    private static async Task SignInAsync(IPage page, string username, string password)
    {
        await page.GetByLabel("Username or email").FillAsync(username);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    private static async Task ChangePasswordAsync(IPage page, string current, string next, string confirm)
    {
        await page.GetByLabel("Current password").FillAsync(current);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(next);
        await page.GetByLabel("Confirm new password").FillAsync(confirm);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    private async Task<string> InviteAsync(string role, long? createdBy)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var (token, _) = await scope.ServiceProvider.GetRequiredService<UserAccounts>()
            .CreateInviteAsync(role, createdBy, TimeSpan.FromHours(1), TestContext.Current.CancellationToken);
        return token;
    }
}
