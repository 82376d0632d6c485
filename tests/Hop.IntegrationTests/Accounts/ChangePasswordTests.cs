using System.Net;
using Hop.Accounts;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Hop.IntegrationTests.Accounts;

/// <summary>
/// <c>POST /api/v1/me/password</c>: the current password confirms, the new one follows the registration
/// rule, and a change ends the user's other sessions and refresh tokens.
/// </summary>
public abstract class ChangePasswordTests(HopHost host)
{
    private const string NewPassword = "quartz-ladder-meadow-77";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_rule_is_a_field_error()
    {
        var user = await host.CreateUserAsync();
        await host.SetPasswordAsync(user.Id);

        (object Body, string Field, string Text)[] refused =
        [
            (new { newPassword = NewPassword }, "currentPassword", "required"),
            (new { currentPassword = "not-the-password-1", newPassword = NewPassword }, "currentPassword", "wrong"),
            (new { currentPassword = AccountsTestKit.Password, newPassword = "short-pw" }, "newPassword", "at least 12"),
            (new { currentPassword = AccountsTestKit.Password, newPassword = "password1234" }, "newPassword", "too common"),
            (new { currentPassword = AccountsTestKit.Password, newPassword = $"my-{user.Username}-pass" }, "newPassword", "username"),
            (new { currentPassword = AccountsTestKit.Password, newPassword = AccountsTestKit.Password }, "newPassword", "differ"),
        ];
        foreach (var (body, field, text) in refused)
        {
            var response = await user.Client.PostJsonAsync("/api/v1/me/password", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.ReadJsonAsync()).GetProperty("errors");
            Assert.Contains(text, errors.GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        }

        // Nothing changed: the old password still signs in.
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient().PostJsonAsync("/api/v1/auth/token",
            new { username = user.Username, password = AccountsTestKit.Password })).StatusCode);
    }

    [Fact]
    public async Task A_change_ends_other_sessions_and_refresh_tokens()
    {
        var user = await host.CreateUserAsync();
        await host.SetPasswordAsync(user.Id);
        var tokens = await (await host.CreateClient().PostJsonAsync("/api/v1/auth/token",
            new { username = user.Username, password = AccountsTestKit.Password })).ReadJsonAsync();
        var otherBrowser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await AccountPageKit.SignInAsync(otherBrowser, user.Username, AccountsTestKit.Password);
        Assert.Equal(HttpStatusCode.OK, (await otherBrowser.GetAsync("/api/v1/keys", Ct)).StatusCode);

        var changed = await user.Client.PostJsonAsync("/api/v1/me/password",
            new { currentPassword = AccountsTestKit.Password, newPassword = NewPassword });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await otherBrowser.GetAsync("/api/v1/keys", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().PostJsonAsync("/api/v1/auth/refresh",
            new { refreshToken = tokens.Str("refreshToken") })).StatusCode);
        Assert.Equal(0, await host.WithDbAsync(db => db.RefreshTokens.CountAsync(t => t.UserId == user.Id && t.RevokedAt == null, Ct)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().PostJsonAsync("/api/v1/auth/token",
            new { username = user.Username, password = AccountsTestKit.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient().PostJsonAsync("/api/v1/auth/token",
            new { username = user.Username, password = NewPassword })).StatusCode);
        // API keys are not sessions: the key that made the change still works.
        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync("/api/v1/keys", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_read_only_key_cannot_change_the_password()
    {
        var user = await host.CreateUserAsync(Roles.User, Scopes.LinksRead);
        await host.SetPasswordAsync(user.Id);
        var response = await user.Client.PostJsonAsync("/api/v1/me/password",
            new { currentPassword = AccountsTestKit.Password, newPassword = NewPassword });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_account_page_changes_the_password_and_keeps_its_own_session()
    {
        var user = await host.CreateUserAsync();
        await host.SetPasswordAsync(user.Id);
        var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await AccountPageKit.SignInAsync(browser, user.Username, AccountsTestKit.Password);

        var mismatch = await AccountPageKit.PostFormAsync(browser, "/account", "change-password",
            ("currentPassword", AccountsTestKit.Password), ("newPassword", NewPassword), ("confirmPassword", NewPassword + "x"));
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Contains("The two new passwords differ", await mismatch.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var wrong = await AccountPageKit.PostFormAsync(browser, "/account", "change-password",
            ("currentPassword", "not-the-password-1"), ("newPassword", "short"), ("confirmPassword", "short"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("text/html", wrong.Content.Headers.ContentType?.MediaType);
        var html = await wrong.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Current password is wrong.", html, StringComparison.Ordinal);
        Assert.Contains("New password must be at least 12 characters long.", html, StringComparison.Ordinal);

        var changed = await AccountPageKit.PostFormAsync(browser, "/account", "change-password",
            ("currentPassword", AccountsTestKit.Password), ("newPassword", NewPassword), ("confirmPassword", NewPassword));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/account?changed=1", AccountPageKit.PathOf(changed.Headers.Location));
        var page = await browser.GetAsync("/account?changed=1", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Your password is changed", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}

public sealed class SqliteChangePasswordTests(HopHost<Sqlite, Defaults> host)
    : ChangePasswordTests(host), IClassFixture<HopHost<Sqlite, Defaults>>;

public sealed class PostgresChangePasswordTests(HopHost<Postgres, Defaults> host)
    : ChangePasswordTests(host), IClassFixture<HopHost<Postgres, Defaults>>;
