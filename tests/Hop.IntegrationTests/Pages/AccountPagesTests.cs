using System.Net;
using Hop.Accounts;
using Hop.IntegrationTests.Accounts;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hop.IntegrationTests.Pages;

/// <summary>The register and sign-in pages over HTTP: every rule is a sentence on the page, never a 500 or JSON.</summary>
public abstract class AccountPagesTests(HopHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_an_invite_the_page_says_registration_is_by_invitation()
    {
        var html = await host.CreateClient().GetStringAsync("/register", Ct);
        Assert.Contains("Registration is by invitation", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"password\"", html, StringComparison.Ordinal);

        var unknown = await host.CreateClient().GetStringAsync("/register?invite=not-a-real-token", Ct);
        Assert.Contains("This invite link cannot be used", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_rules_are_shown_as_text_and_a_good_registration_signs_in()
    {
        var token = await InviteAsync();
        var path = UserAccounts.InvitePath(token);
        var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var name = $"p{Guid.NewGuid():N}"[..12];
        var taken = await host.CreateUserAsync();

        (string Username, string Email, string Password, string Text)[] refused =
        [
            (name, $"{name}@example.org", "short-1", "Password must be at least 12 characters long."),
            (name, $"{name}@example.org", "password1234", "Password is too common; choose another."),
            ("Bad Name!", $"{name}@example.org", AccountsTestKit.Password, "Username may contain only a-z, 0-9"),
            (name, "not-an-email", AccountsTestKit.Password, "Email must be a valid address"),
            (taken.Username, $"{name}@example.org", AccountsTestKit.Password, "Another account already uses this username."),
        ];
        foreach (var (username, email, password, text) in refused)
        {
            var response = await AccountPageKit.PostFormAsync(browser, path, "register", ("username", username), ("email", email), ("password", password));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.Contains(WebUtility.HtmlEncode(text), html, StringComparison.Ordinal);
            Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        }

        var registered = await AccountPageKit.PostFormAsync(browser, path, "register",
            ("username", name), ("email", $"{name}@example.org"), ("password", AccountsTestKit.Password));
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal("/", AccountPageKit.PathOf(registered.Headers.Location));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/keys", Ct)).StatusCode);

        // The invite is spent now.
        var again = await host.CreateClient().GetStringAsync(path, Ct);
        Assert.Contains("This invite link cannot be used", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_a_sentence_and_a_local_return_url_is_honoured()
    {
        var user = await host.CreateUserAsync();
        await host.SetPasswordAsync(user.Id);
        var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var challenge = await browser.GetAsync("/account", Ct);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith("/login?ReturnUrl=%2Faccount", AccountPageKit.PathOf(challenge.Headers.Location), StringComparison.Ordinal);

        var wrong = await AccountPageKit.PostFormAsync(browser, "/login", "login", ("username", user.Username), ("password", "not-the-password"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("The username or password is wrong", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var elsewhere = await AccountPageKit.PostFormAsync(browser, "/login?returnUrl=%2F%2Fevil.example%2F", "login",
            ("username", user.Username), ("password", AccountsTestKit.Password));
        Assert.Equal("/dashboard", AccountPageKit.PathOf(elsewhere.Headers.Location));

        var other = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var back = await AccountPageKit.PostFormAsync(other, "/login?ReturnUrl=%2Faccount", "login",
            ("username", user.Username), ("password", AccountsTestKit.Password));
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("/account", AccountPageKit.PathOf(back.Headers.Location));
    }

    private async Task<string> InviteAsync(string role = Roles.User)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var (token, _) = await scope.ServiceProvider.GetRequiredService<UserAccounts>()
            .CreateInviteAsync(role, createdBy: null, TimeSpan.FromHours(1), Ct);
        return token;
    }
}

public sealed class SqliteAccountPagesTests(HopHost<Sqlite, Defaults> host)
    : AccountPagesTests(host), IClassFixture<HopHost<Sqlite, Defaults>>;

public sealed class PostgresAccountPagesTests(HopHost<Postgres, Defaults> host)
    : AccountPagesTests(host), IClassFixture<HopHost<Postgres, Defaults>>;
