using System.Net;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hop.IntegrationTests.Accounts;

/// <summary>Open registration, anonymous creation and the rate limits, with every log level captured.</summary>
public abstract class OpenAccountsTests(HopHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anonymous_creation_is_owned_by_no_one_and_limited_per_client_ip()
    {
        var visitor = host.ClientBehindProxy(AccountsTestKit.NewClientIp());
        var first = await visitor.CreateLinkAsync(new { url = "https://example.com/anon-1" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var code = (await first.ReadJsonAsync()).Str("code");
        Assert.Null(await host.WithDbAsync(db => db.Links.Where(l => l.Code == code).Select(l => l.OwnerId).SingleAsync(Ct)));
        Assert.Equal(HttpStatusCode.Created, (await visitor.CreateLinkAsync(new { url = "https://example.com/anon-2" })).StatusCode);
        AccountsTestKit.AssertTooManyRequests(await visitor.CreateLinkAsync(new { url = "https://example.com/anon-3" }));

        // Another client behind the trusted proxy has its own allowance ...
        var neighbour = host.ClientBehindProxy(AccountsTestKit.NewClientIp());
        Assert.Equal(HttpStatusCode.Created, (await neighbour.CreateLinkAsync(new { url = "https://example.com/anon-4" })).StatusCode);

        // ... but X-Forwarded-For from an untrusted address is ignored: these share the sender's allowance.
        var forger = AccountsTestKit.NewClientIp();
        var spoofs = Enumerable.Range(0, 3).Select(i =>
            host.ClientBehindProxy(AccountsTestKit.NewClientIp(), proxyIp: forger)).ToList();
        Assert.Equal(HttpStatusCode.Created, (await spoofs[0].CreateLinkAsync(new { url = "https://example.com/s1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await spoofs[1].CreateLinkAsync(new { url = "https://example.com/s2" })).StatusCode);
        AccountsTestKit.AssertTooManyRequests(await spoofs[2].CreateLinkAsync(new { url = "https://example.com/s3" }));

        // Credentials that fail never fall back to anonymous creation, and a key still needs links:write.
        visitor = host.ClientBehindProxy(AccountsTestKit.NewClientIp());
        visitor.DefaultRequestHeaders.Add("X-Api-Key", "hop_" + new string('B', 43));
        Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.CreateLinkAsync(new { url = "https://example.com/bad" })).StatusCode);
        var reader = await host.CreateUserAsync(Hop.Accounts.Roles.User, Hop.Accounts.Scopes.LinksRead);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.Client.CreateLinkAsync(new { url = "https://example.com/r" })).StatusCode);
    }

    [Fact]
    public async Task An_anonymous_create_with_an_idempotency_key_is_replayed_to_the_same_client_only()
    {
        var url = $"https://example.com/anon-idempotent/{Guid.NewGuid():N}";
        var visitor = host.ClientBehindProxy(AccountsTestKit.NewClientIp());
        var first = await visitor.SendAsync(IdempotentCreate(url, "anon-key-1"), Ct);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var replay = await visitor.SendAsync(IdempotentCreate(url, "anon-key-1"), Ct);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await replay.Content.ReadAsStringAsync(Ct));

        // The same key from another address is another caller's key.
        var neighbour = host.ClientBehindProxy(AccountsTestKit.NewClientIp());
        var other = await neighbour.SendAsync(IdempotentCreate(url, "anon-key-1"), Ct);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.False(other.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, await host.WithDbAsync(db => db.Links.CountAsync(l => l.TargetUrl == url, Ct)));
    }

    private static HttpRequestMessage IdempotentCreate(string url, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/links")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { url }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task Login_attempts_are_throttled_per_client_ip()
    {
        var client = host.ClientBehindProxy(AccountsTestKit.NewClientIp());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized,
                (await client.PostJsonAsync("/api/v1/auth/token", new { username = "someone", password = $"guess-number-{i}" })).StatusCode);
        }

        AccountsTestKit.AssertTooManyRequests(
            await client.PostJsonAsync("/api/v1/auth/token", new { username = "someone", password = "guess-number-4" }));
        AccountsTestKit.AssertTooManyRequests(await client.PostAsync("/login",
            AccountsTests.Form(("username", "someone"), ("password", "guess-number-5")), Ct));

        var other = host.ClientBehindProxy(AccountsTestKit.NewClientIp());
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await other.PostJsonAsync("/api/v1/auth/token", new { username = "someone", password = "guess-number-6" })).StatusCode);
    }

    [Fact]
    public async Task Open_registration_needs_no_invite_and_makes_users_not_admins()
    {
        var client = host.ClientBehindProxy(AccountsTestKit.NewClientIp());
        var name = $"o{Guid.NewGuid():N}"[..10];
        var registered = await client.PostJsonAsync("/api/v1/auth/register", new { username = name, email = $"{name}@example.org", password = AccountsTestKit.Password });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal("user", (await registered.ReadJsonAsync()).Str("role"));
        var common = await client.PostJsonAsync("/api/v1/auth/register", new { username = name + "2", email = $"{name}2@example.org", password = "qwerty123456" });
        Assert.Equal(HttpStatusCode.BadRequest, common.StatusCode);
        Assert.Contains("too common", await common.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_key_or_token_is_ever_written_to_the_logs()
    {
        var user = await host.CreateUserAsync();
        await host.SetPasswordAsync(user.Id);
        var created = await (await user.Client.PostJsonAsync("/api/v1/keys", new { name = "logged?", scopes = new[] { "links:read", "links:write" } })).ReadJsonAsync();
        var secret = created.Str("key");
        var id = created.GetProperty("details").GetProperty("id").GetInt64();

        var withKey = host.ClientBehindProxy(AccountsTestKit.NewClientIp());
        withKey.DefaultRequestHeaders.Add("X-Api-Key", secret);
        Assert.Equal(HttpStatusCode.Created, (await withKey.CreateLinkAsync(new { url = "https://example.com/logs" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await withKey.GetAsync("/api/v1/keys", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.DeleteAsync($"/api/v1/keys/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withKey.GetAsync("/api/v1/keys", Ct)).StatusCode);
        var tampered = host.ClientBehindProxy(AccountsTestKit.NewClientIp()).WithBearer(secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A'));
        Assert.Equal(HttpStatusCode.Unauthorized, (await tampered.GetAsync("/api/v1/keys", Ct)).StatusCode);

        var tokens = await (await host.ClientBehindProxy(AccountsTestKit.NewClientIp()).PostJsonAsync("/api/v1/auth/token",
            new { username = user.Username, password = AccountsTestKit.Password })).ReadJsonAsync();
        var access = host.ClientBehindProxy(AccountsTestKit.NewClientIp()).WithBearer(tokens.Str("accessToken"));
        Assert.Equal(HttpStatusCode.OK, (await access.GetAsync("/api/v1/keys", Ct)).StatusCode);
        await host.ClientBehindProxy(AccountsTestKit.NewClientIp()).PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.Str("refreshToken") });

        var logs = host.Logs.All;
        Assert.Contains($"[401] API key {id} ({secret[..12]}…) created", logs, StringComparison.Ordinal);
        Assert.Contains("was not authenticated", logs, StringComparison.Ordinal);
        foreach (var text in new[] { secret, secret[12..], user.ApiKey, user.ApiKey[12..], tokens.Str("accessToken"), tokens.Str("refreshToken"), AccountsTestKit.Password })
        {
            Assert.DoesNotContain(text, logs, StringComparison.Ordinal);
        }
    }
}

public sealed class SqliteOpenAccountsTests(HopHost<Sqlite, OpenAccounts> host)
    : OpenAccountsTests(host), IClassFixture<HopHost<Sqlite, OpenAccounts>>;

public sealed class PostgresOpenAccountsTests(HopHost<Postgres, OpenAccounts> host)
    : OpenAccountsTests(host), IClassFixture<HopHost<Postgres, OpenAccounts>>;

/// <summary>Closed registration: only the first-run setup link opens the door, once.</summary>
public abstract class ClosedAccountsTests(HopHost host)
{
    [Fact]
    public async Task First_run_setup_link_creates_the_first_admin_once()
    {
        var client = host.CreateClient();
        var line = host.Logs.Lines.Single(l => l.Contains("[406]", StringComparison.Ordinal));
        var token = Uri.UnescapeDataString(System.Text.RegularExpressions.Regex.Match(line, @"invite=([A-Za-z0-9_%-]+)").Groups[1].Value);
        var name = $"r{Guid.NewGuid():N}"[..10];

        var refused = await client.PostJsonAsync("/api/v1/auth/register", new { username = name, email = $"{name}@example.org", password = AccountsTestKit.Password });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var page = await client.GetAsync($"/register?invite={Uri.EscapeDataString(token)}", TestContext.Current.CancellationToken);
        Assert.Contains(token, await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var admin = await client.PostJsonAsync("/api/v1/auth/register", new { username = name, email = $"{name}@example.org", password = AccountsTestKit.Password, invite = token });
        Assert.Equal(HttpStatusCode.Created, admin.StatusCode);
        Assert.Equal("admin", (await admin.ReadJsonAsync()).Str("role"));
        var again = await client.PostJsonAsync("/api/v1/auth/register", new { username = name + "b", email = $"{name}b@example.org", password = AccountsTestKit.Password, invite = token });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);

        var tokens = await (await client.PostJsonAsync("/api/v1/auth/token", new { username = name, password = AccountsTestKit.Password })).ReadJsonAsync();
        var session = host.CreateClient().WithBearer(tokens.Str("accessToken"));
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/v1/admin/users", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await session.PostJsonAsync("/api/v1/admin/invites", new { })).StatusCode);
    }
}

public sealed class SqliteClosedAccountsTests(HopHost<Sqlite, ClosedAccounts> host)
    : ClosedAccountsTests(host), IClassFixture<HopHost<Sqlite, ClosedAccounts>>;

public sealed class PostgresClosedAccountsTests(HopHost<Postgres, ClosedAccounts> host)
    : ClosedAccountsTests(host), IClassFixture<HopHost<Postgres, ClosedAccounts>>;
