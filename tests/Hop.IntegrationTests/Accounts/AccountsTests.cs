using System.Net;
using System.Text.RegularExpressions;
using Hop.Accounts;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Hop.IntegrationTests.Accounts;

/// <summary>API keys, JWT and refresh tokens, cookie sign-in with antiforgery, invites and the admin API,
/// on the default settings (registration by invite).</summary>
public abstract partial class AccountsTests(HopHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [Fact]
    public async Task Keys_are_shown_once_listed_without_secret_and_cannot_exceed_the_callers_scopes()
    {
        var user = await host.CreateUserAsync();
        var created = await user.Client.PostJsonAsync("/api/v1/keys", new { name = "deploy", scopes = new[] { "links:read", "links:write" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        var secret = body.Str("key");
        Assert.StartsWith("hop_", secret, StringComparison.Ordinal);
        Assert.Equal(secret[..12], body.GetProperty("details").Str("prefix"));

        var listed = await (await user.Client.GetAsync("/api/v1/keys", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains(secret[..12], listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[12..], listed, StringComparison.Ordinal);

        var newKey = host.CreateClient().WithBearer(secret);
        Assert.Equal(HttpStatusCode.Created, (await newKey.CreateLinkAsync(new { url = "https://example.com/k" })).StatusCode);
        var stored = await host.WithDbAsync(db => db.ApiKeys.SingleAsync(k => k.Prefix == secret.Substring(0, 12), Ct));
        Assert.NotNull(stored.LastUsedAt);

        // A user's key cannot hold admin; a read-only key cannot mint a writing key.
        var escalate = await user.Client.PostJsonAsync("/api/v1/keys", new { name = "root", scopes = new[] { "admin" } });
        Assert.Equal(HttpStatusCode.Forbidden, escalate.StatusCode);
        Assert.Equal("scopes", (await escalate.ReadJsonAsync()).Str("field"));
        var reader = await host.CreateUserAsync(Roles.User, Scopes.LinksRead);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await reader.Client.PostJsonAsync("/api/v1/keys", new { name = "w", scopes = new[] { "links:write" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.Client.CreateLinkAsync(new { url = "https://example.com/r" })).StatusCode);

        var invalid = await user.Client.PostJsonAsync("/api/v1/keys", new { name = "", scopes = new[] { "everything" } });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.ReadJsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _) && errors.TryGetProperty("scopes", out _));

        // An admin's read-only key is read-only: no admin API, no other users' links.
        var admin = await host.CreateUserAsync(Roles.Admin, Scopes.LinksRead);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.GetAsync("/api/v1/admin/users", Ct)).StatusCode);
    }

    [Fact]
    public async Task Revoked_and_expired_keys_fail_at_once()
    {
        var user = await host.CreateUserAsync();
        var secret = (await (await user.Client.PostJsonAsync("/api/v1/keys", new { name = "short", scopes = new[] { "links:read" } })).ReadJsonAsync()).Str("key");
        var id = await host.WithDbAsync(db => db.ApiKeys.Where(k => k.Prefix == secret.Substring(0, 12)).Select(k => k.Id).SingleAsync(Ct));
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/keys", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.DeleteAsync($"/api/v1/keys/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/keys", Ct)).StatusCode);
        var listed = await (await user.Client.GetAsync("/api/v1/keys", Ct)).ReadJsonAsync();
        Assert.Contains(listed.EnumerateArray(), k => k.GetProperty("id").GetInt64() == id && k.GetProperty("revokedAt").ValueKind != System.Text.Json.JsonValueKind.Null);

        // Expiry on an app of its own, whose clock the test moves: the key works until the moment it expires.
        await using (var clocked = await HopHost.StartAsync(host.Provider, new FakeClock()))
        {
            var owner = await clocked.CreateUserAsync();
            var other = (await (await owner.Client.PostJsonAsync("/api/v1/keys",
                new { name = "later", scopes = new[] { "links:read" }, expiresAt = clocked.Now.AddMinutes(1) })).ReadJsonAsync()).Str("key");
            var otherClient = clocked.CreateClient().WithBearer(other);
            Assert.Equal(HttpStatusCode.OK, (await otherClient.GetAsync("/api/v1/keys", Ct)).StatusCode);
            clocked.Clock.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromSeconds(1));
            Assert.Equal(HttpStatusCode.OK, (await otherClient.GetAsync("/api/v1/keys", Ct)).StatusCode);
            clocked.Clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(HttpStatusCode.Unauthorized, (await otherClient.GetAsync("/api/v1/keys", Ct)).StatusCode);
        }

        // An admin can revoke anyone's key.
        var victim = await host.CreateUserAsync();
        var victimKey = await host.WithDbAsync(db => db.ApiKeys.Where(k => k.UserId == victim.Id).Select(k => k.Id).SingleAsync(Ct));
        var admin = await host.CreateUserAsync(Roles.Admin);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync($"/api/v1/admin/keys/{victimKey}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await victim.Client.GetAsync("/api/v1/keys", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.DeleteAsync("/api/v1/admin/keys/999999999", Ct)).StatusCode);
    }

    [Fact]
    public async Task Token_refresh_rotates_reuse_revokes_the_family_and_revoke_ends_it()
    {
        var user = await host.CreateUserAsync();
        await host.SetPasswordAsync(user.Id);
        var anonymous = host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await anonymous.PostJsonAsync("/api/v1/auth/token", new { username = user.Username, password = "wrong-password-123" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await anonymous.PostJsonAsync("/api/v1/auth/token", new { username = "nobody-here", password = AccountsTestKit.Password })).StatusCode);

        var first = await (await anonymous.PostJsonAsync("/api/v1/auth/token",
            new { username = user.Username.ToUpperInvariant(), password = AccountsTestKit.Password })).ReadJsonAsync();
        Assert.Equal(900, first.GetProperty("expiresIn").GetInt32());
        var access = host.CreateClient().WithBearer(first.Str("accessToken"));
        Assert.Equal(HttpStatusCode.OK, (await access.GetAsync("/api/v1/keys", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await access.CreateLinkAsync(new { url = "https://example.com/jwt" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await host.CreateClient().WithBearer(first.Str("accessToken") + "x").GetAsync("/api/v1/keys", Ct)).StatusCode);

        var second = await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = first.Str("refreshToken") });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var rotated = await second.ReadJsonAsync();
        Assert.NotEqual(first.Str("refreshToken"), rotated.Str("refreshToken"));

        // The first refresh token again: someone copied it, so the whole family dies, including the newest.
        var reuse = await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = first.Str("refreshToken") });
        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = rotated.Str("refreshToken") })).StatusCode);

        var fresh = await (await anonymous.PostJsonAsync("/api/v1/auth/token",
            new { username = user.Username, password = AccountsTestKit.Password })).ReadJsonAsync();
        Assert.Equal(HttpStatusCode.NoContent,
            (await anonymous.PostJsonAsync("/api/v1/auth/revoke", new { refreshToken = fresh.Str("refreshToken") })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await anonymous.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = fresh.Str("refreshToken") })).StatusCode);
    }

    [Fact]
    public async Task Tokens_and_sessions_work_on_another_instance_and_stop_when_the_user_is_disabled()
    {
        var user = await host.CreateUserAsync();
        await host.SetPasswordAsync(user.Id);
        var tokens = await (await host.CreateClient().PostJsonAsync("/api/v1/auth/token",
            new { username = user.Username, password = AccountsTestKit.Password })).ReadJsonAsync();
        Assert.True(await host.WithDbAsync(db => db.AppSettings.AnyAsync(s => s.Key == "jwt.signing-key", Ct)));

        // A second app on the same database: its own key caches, the same persisted keys.
        await using var second = host.WithWebHostBuilder(_ => { });
        var access = second.CreateClient().WithBearer(tokens.Str("accessToken"));
        Assert.Equal(HttpStatusCode.OK, (await access.GetAsync("/api/v1/keys", Ct)).StatusCode);
        var session = await SignInAsync(host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), user.Username);
        var cookie = session.Cookie;
        var elsewhere = second.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        elsewhere.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/api/v1/keys", Ct)).StatusCode);

        var admin = await host.CreateUserAsync(Roles.Admin);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.PostAsync($"/api/v1/admin/users/{user.Id}/disable", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await access.GetAsync("/api/v1/keys", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.Client.GetAsync("/api/v1/keys", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.GetAsync("/api/v1/keys", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().PostJsonAsync("/api/v1/auth/refresh",
            new { refreshToken = tokens.Str("refreshToken") })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().PostJsonAsync("/api/v1/auth/token",
            new { username = user.Username, password = AccountsTestKit.Password })).StatusCode);

        var users = await (await admin.Client.GetAsync("/api/v1/admin/users?limit=500", Ct)).ReadJsonAsync();
        Assert.Contains(users.GetProperty("items").EnumerateArray(), u => u.GetProperty("id").GetInt64() == user.Id
            && u.GetProperty("disabledAt").ValueKind == System.Text.Json.JsonValueKind.String);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.PostAsync($"/api/v1/admin/users/{user.Id}/enable", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync("/api/v1/keys", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Client.PostAsync($"/api/v1/admin/users/{admin.Id}/disable", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Cookie_sign_in_needs_antiforgery_for_every_state_change()
    {
        var user = await host.CreateUserAsync();
        await host.SetPasswordAsync(user.Id);
        var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // The sign-in form itself is protected.
        var noToken = await browser.PostAsync("/login", Form(("_handler", "login"), ("username", user.Username), ("password", AccountsTestKit.Password)), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/keys", Ct)).StatusCode);

        var session = await SignInAsync(browser, user.Username);
        Assert.Contains("httponly", session.SetCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session.SetCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/keys", Ct)).StatusCode);

        // A write through the API with only the cookie fails; with the antiforgery header it works.
        var forged = await browser.PostJsonAsync("/api/v1/keys", new { name = "csrf", scopes = new[] { "links:read" } });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.CreateLinkAsync(new { url = "https://example.com/csrf" })).StatusCode);
        Assert.Equal(0, await host.WithDbAsync(db => db.ApiKeys.CountAsync(k => k.UserId == user.Id && k.Name == "csrf", Ct)));
        var page = await (await browser.GetAsync("/login", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Signed in", page, StringComparison.Ordinal);
        var token = FormToken().Match(page).Groups[1].Value;
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/keys"))
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(new { name = "ui", scopes = new[] { "links:read" } });
            request.Headers.Add("RequestVerificationToken", System.Net.WebUtility.HtmlDecode(token));
            Assert.Equal(HttpStatusCode.Created, (await browser.SendAsync(request, Ct)).StatusCode);
        }

        // Signing out is a state change too.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/logout", Form(("x", "y")), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/keys", Ct)).StatusCode);
        var logout = await browser.PostAsync("/logout", Form(("__RequestVerificationToken", System.Net.WebUtility.HtmlDecode(token))), Ct);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/keys", Ct)).StatusCode);
    }

    [Fact]
    public async Task Invite_mode_needs_an_invite_that_works_once_and_rules_apply()
    {
        var anonymous = host.CreateClient();
        var name = $"n{Guid.NewGuid():N}"[..12];
        var closed = await anonymous.PostJsonAsync("/api/v1/auth/register", new { username = name, email = $"{name}@example.org", password = AccountsTestKit.Password });
        Assert.Equal(HttpStatusCode.Forbidden, closed.StatusCode);
        Assert.Equal("invite", (await closed.ReadJsonAsync()).Str("field"));

        var user = await host.CreateUserAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await user.Client.PostJsonAsync("/api/v1/admin/invites", new { })).StatusCode);
        var admin = await host.CreateUserAsync(Roles.Admin);
        var invite = await (await admin.Client.PostJsonAsync("/api/v1/admin/invites", new { })).ReadJsonAsync();
        Assert.Contains("/register?invite=", invite.Str("url"), StringComparison.Ordinal);
        var token = invite.Str("token");

        var weak = await anonymous.PostJsonAsync("/api/v1/auth/register",
            new { username = "Bad Name!", email = "not-an-email", password = "password1234", invite = token });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var errors = (await weak.ReadJsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("username", out _) && errors.TryGetProperty("email", out _) && errors.TryGetProperty("password", out _));
        var shortPassword = await anonymous.PostJsonAsync("/api/v1/auth/register",
            new { username = name, email = $"{name}@example.org", password = "short-1", invite = token });
        Assert.Contains("at least 12", await shortPassword.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // Refusals did not spend the invite; the first good use does.
        var registered = await anonymous.PostJsonAsync("/api/v1/auth/register",
            new { username = name.ToUpperInvariant(), email = $"{name}@Example.org", password = AccountsTestKit.Password, invite = token });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var body = await registered.ReadJsonAsync();
        Assert.Equal(name, body.Str("username"));
        Assert.Equal("user", body.Str("role"));
        var again = await anonymous.PostJsonAsync("/api/v1/auth/register",
            new { username = name + "x", email = $"{name}x@example.org", password = AccountsTestKit.Password, invite = token });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);

        var second = (await (await admin.Client.PostJsonAsync("/api/v1/admin/invites", new { })).ReadJsonAsync()).Str("token");
        var taken = await anonymous.PostJsonAsync("/api/v1/auth/register",
            new { username = name, email = $"other{name}@example.org", password = AccountsTestKit.Password, invite = second });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("username", (await taken.ReadJsonAsync()).Str("field"));

        var tokens = await anonymous.PostJsonAsync("/api/v1/auth/token", new { username = $"{name}@example.org", password = AccountsTestKit.Password });
        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);

        var links = await (await admin.Client.GetAsync("/api/v1/admin/links?limit=1", Ct)).ReadJsonAsync();
        Assert.True(links.GetProperty("items").GetArrayLength() <= 1);
    }

    internal static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    /// <summary>Signs in through the form (the client keeps cookies); returns the Cookie header value of the session and its Set-Cookie.</summary>
    private async Task<(string Cookie, string SetCookie)> SignInAsync(HttpClient browser, string username)
    {
        var page = await browser.GetAsync("/login", Ct);
        var token = System.Net.WebUtility.HtmlDecode(FormToken().Match(await page.Content.ReadAsStringAsync(Ct)).Groups[1].Value);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = Form(("_handler", "login"), ("username", username), ("password", AccountsTestKit.Password), ("__RequestVerificationToken", token)),
        };
        var response = await browser.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("hop_session=", StringComparison.Ordinal));
        return (setCookie.Split(';')[0], setCookie);
    }
}

public sealed class SqliteAccountsTests(HopHost<Sqlite, Defaults> host) : AccountsTests(host), IClassFixture<HopHost<Sqlite, Defaults>>;

public sealed class PostgresAccountsTests(HopHost<Postgres, Defaults> host) : AccountsTests(host), IClassFixture<HopHost<Postgres, Defaults>>;
