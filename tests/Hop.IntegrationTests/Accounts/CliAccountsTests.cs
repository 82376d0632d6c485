using System.Net;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hop.IntegrationTests.Accounts;

/// <summary><c>hop users create</c> and <c>hop keys create|list|revoke</c>, run as real processes against the
/// fixture's database; the keys they print are then used through HTTP.</summary>
public abstract class CliAccountsTests(HopHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Users_and_keys_made_on_the_command_line_work_through_http()
    {
        _ = host.Services; // the app has migrated the database
        var name = $"c{Guid.NewGuid():N}"[..10];
        var weak = await HopAsync($"users create --admin --username {name} --email {name}@example.org --password-stdin", "short\n");
        Assert.Equal(1, weak.ExitCode);
        Assert.Contains("at least 12", weak.StdErr, StringComparison.Ordinal);

        var created = await HopAsync($"users create --admin --username {name} --email {name}@example.org --password-stdin", AccountsTestKit.Password + "\n");
        Assert.Equal(0, created.ExitCode);
        Assert.Contains($"Created admin '{name}'", created.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain(AccountsTestKit.Password, created.StdOut + created.StdErr, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient().PostJsonAsync("/api/v1/auth/token",
            new { username = name, password = AccountsTestKit.Password })).StatusCode);

        var key = await HopAsync($"keys create --user {name} --name ci --scope links:write --scope admin");
        Assert.Equal(0, key.ExitCode);
        var secret = key.StdOut.Trim();
        Assert.Matches("^hop_[A-Za-z0-9_-]{43}$", secret);
        var client = host.CreateClient().WithBearer(secret);
        Assert.Equal(HttpStatusCode.Created, (await client.CreateLinkAsync(new { url = "https://example.com/cli" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/admin/users", Ct)).StatusCode);

        var list = await HopAsync($"keys list --user {name}");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains(secret[..12], list.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list.StdOut, StringComparison.Ordinal);

        var id = await host.WithDbAsync(db => db.ApiKeys.Where(k => k.Prefix == secret.Substring(0, 12)).Select(k => k.Id).SingleAsync(Ct));
        Assert.Equal(0, (await HopAsync($"keys revoke {id}")).ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/keys", Ct)).StatusCode);

        // A plain user's key cannot hold admin.
        var plain = await host.CreateUserAsync();
        var refused = await HopAsync($"keys create --user {plain.Username} --name x --scope admin");
        Assert.Equal(1, refused.ExitCode);
        Assert.Empty(refused.StdOut.Trim());
    }

    private async Task<(int ExitCode, string StdOut, string StdErr)> HopAsync(string arguments, string? stdin = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["HOP__DATABASE__PROVIDER"] = host.Provider.ToString(),
            ["HOP__DATABASE__CONNECTIONSTRING"] = host.DatabaseConnectionString,
        };
        return await HopProcess.RunAsync(HopProcess.StartInfo(AppContext.BaseDirectory, environment, arguments.Split(' ')), stdin, TimeSpan.FromMinutes(2), Ct);
    }
}

public sealed class SqliteCliAccountsTests(HopHost<Sqlite, Defaults> host) : CliAccountsTests(host), IClassFixture<HopHost<Sqlite, Defaults>>;

public sealed class PostgresCliAccountsTests(HopHost<Postgres, Defaults> host) : CliAccountsTests(host), IClassFixture<HopHost<Postgres, Defaults>>;
