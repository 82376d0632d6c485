using System.Net;
using Hop.IntegrationTests.Accounts;
using Hop.IntegrationTests.Infrastructure;
using Hop.IntegrationTests.Redirects;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Hop.IntegrationTests.Security;

/// <summary><c>hop users delete</c>, run as a real process against the fixture's database and Redis: the running app's warm cache hears of it.</summary>
public abstract class CliDeleteUserTests(HopHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Users_delete_takes_the_account_and_its_links_answer_410_on_the_running_app()
    {
        var user = await host.CreateUserAsync();
        var created = await user.Client.CreateLinkAsync(new { url = "https://example.com/cli-delete" });
        var code = (await created.ReadJsonAsync()).Str("code");
        var visitor = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Found, (await visitor.GetAsync($"/{code}", Ct)).StatusCode);

        var unconfirmed = await HopAsync($"users delete {user.Username}");
        Assert.Equal(1, unconfirmed.ExitCode);
        Assert.Contains("--yes", unconfirmed.StdErr, StringComparison.Ordinal);
        Assert.True(await host.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == user.Id, Ct)));

        var deleted = await HopAsync($"users delete {user.Username} --yes");
        Assert.Equal(0, deleted.ExitCode);
        Assert.Contains($"Deleted user '{user.Username}'", deleted.StdOut, StringComparison.Ordinal);
        Assert.Contains("1 short link(s) answer 410", deleted.StdOut, StringComparison.Ordinal);

        await Poll.UntilAsync(async () => (await visitor.GetAsync($"/{code}", Ct)).StatusCode == HttpStatusCode.Gone,
            "the running app answers 410 for the deleted user's link");
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.Client.GetAsync("/api/v1/keys", Ct)).StatusCode);
        Assert.False(await host.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == user.Id, Ct)));
        Assert.Equal(1, (await HopAsync($"users delete {user.Username} --yes")).ExitCode);
    }

    private async Task<(int ExitCode, string StdOut, string StdErr)> HopAsync(string arguments)
    {
        var environment = new Dictionary<string, string>
        {
            ["HOP__DATABASE__PROVIDER"] = host.Provider.ToString(),
            ["HOP__DATABASE__CONNECTIONSTRING"] = host.DatabaseConnectionString,
            ["HOP__CACHE__REDIS"] = TestServers.Redis,
        };
        return await HopProcess.RunAsync(HopProcess.StartInfo(Path.GetTempPath(), environment, arguments.Split(' ')), stdin: null, TimeSpan.FromMinutes(2), Ct);
    }
}

public sealed class SqliteCliDeleteUserTests(HopHost<Sqlite, SharedRedis> host) : CliDeleteUserTests(host), IClassFixture<HopHost<Sqlite, SharedRedis>>;

public sealed class PostgresCliDeleteUserTests(HopHost<Postgres, SharedRedis> host) : CliDeleteUserTests(host), IClassFixture<HopHost<Postgres, SharedRedis>>;
