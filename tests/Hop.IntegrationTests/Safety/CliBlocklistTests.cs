using Hop.IntegrationTests.Infrastructure;
using static Hop.IntegrationTests.Redirects.RedirectTestKit;
using static Hop.IntegrationTests.Safety.BlocklistTestKit;

namespace Hop.IntegrationTests.Safety;

/// <summary><c>hop blocklist add|list|remove|import</c> as real processes against the fixture's database; the app sees the changes.</summary>
public abstract class CliBlocklistTests(HopHost host)
{
    [Fact]
    public async Task Import_add_list_and_remove_on_the_command_line_act_on_the_app_s_links()
    {
        var owner = host.CreateUser().Client;
        var (a, b, c) = (NewDomain("cli"), NewDomain("cli"), NewDomain("cli"));
        var code = await owner.CreateAsync($"https://www.{a}/x");
        var later = await owner.CreateAsync($"https://{c}/y");
        using var temp = new TempDirectory("hop-blocklist");
        var file = System.IO.Path.Combine(temp.Path, "list.txt");
        await File.WriteAllTextAsync(file, $"# header\n{a}\n{b}.\n{a}\nnot a domain\ncom\n", Ct);

        var imported = await HopAsync("blocklist", "import", file, "--reason", "feed");
        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("2 added, 1 already present, 1 comments, 1 junk lines, 1 invalid; 1 links disabled", imported.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("lines read", imported.StdErr, StringComparison.Ordinal); // stderr is not a terminal here
        await Poll.UntilAsync(() => Task.FromResult(host.Index().Match(b, "") is not null), "the app loads what the CLI imported");
        await Poll.UntilAsync(async () => await owner.FollowAsync(code) == "410", "the app drops the link the CLI disabled from its cache");

        var added = await HopAsync("blocklist", "add", c, "--reason", "cli test");
        Assert.Equal(0, added.ExitCode);
        Assert.Contains("1 existing link(s) disabled", added.StdOut, StringComparison.Ordinal);

        var list = await HopAsync("blocklist", "list", "--search", b[..10]);
        Assert.Contains(b, list.StdOut, StringComparison.Ordinal);
        Assert.Contains("import:list.txt", list.StdOut, StringComparison.Ordinal);

        var removed = await HopAsync("blocklist", "remove", c);
        Assert.Equal(0, removed.ExitCode);
        Assert.Contains("1 link(s) restored", removed.StdOut, StringComparison.Ordinal);
        await Poll.UntilAsync(async () => await owner.FollowAsync(later) == $"https://{c}/y", "the link is enabled again");
        Assert.Equal(1, (await HopAsync("blocklist", "add", "10.0.0.1")).ExitCode);
    }

    private async Task<(int ExitCode, string StdOut, string StdErr)> HopAsync(params string[] args)
    {
        var start = HopProcess.StartInfo(AppContext.BaseDirectory, new Dictionary<string, string>
        {
            ["HOP__DATABASE__PROVIDER"] = host.Provider.ToString(),
            ["HOP__DATABASE__CONNECTIONSTRING"] = host.DatabaseConnectionString,
        }, args);
        return await HopProcess.RunAsync(start, stdin: null, TimeSpan.FromMinutes(2), Ct);
    }
}

public sealed class SqliteCliBlocklistTests(HopHost<Sqlite, Defaults> host) : CliBlocklistTests(host), IClassFixture<HopHost<Sqlite, Defaults>>;

public sealed class PostgresCliBlocklistTests(HopHost<Postgres, Defaults> host) : CliBlocklistTests(host), IClassFixture<HopHost<Postgres, Defaults>>;
