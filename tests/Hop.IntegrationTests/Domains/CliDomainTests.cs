using System.Net;
using Hop.IntegrationTests.Infrastructure;
using Hop.IntegrationTests.Links;
using Microsoft.EntityFrameworkCore;
using static Hop.IntegrationTests.Redirects.RedirectTestKit;

namespace Hop.IntegrationTests.Domains;

/// <summary><c>hop domains add|list|remove</c> as real processes against the fixture's database; the app serves what they add.</summary>
public abstract class CliDomainTests(HopHost host)
{
    [Fact]
    public async Task Add_list_and_remove_on_the_command_line_change_what_the_app_serves()
    {
        // Started first: the app makes the schema the verbs work on.
        var visitor = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var domain = DomainTests.NewHost("cli");
        var added = await HopAsync("domains", "add", domain.ToUpperInvariant(), "--not-found-redirect", "https://example.org/nf", "--access", "admins");
        Assert.True(added.ExitCode == 0, added.StdErr);
        Assert.Contains($"Added {domain}", added.StdOut, StringComparison.Ordinal);

        await Poll.UntilAsync(
            async () => await DomainTests.VisitOnAsync(visitor, domain, "/" + NewAlias("none")) == (HttpStatusCode.Found, "https://example.org/nf"),
            "the app serves the domain the CLI added");

        var list = await HopAsync("domains", "list");
        Assert.Contains($"\t{domain}\tno\thttps\tadmins\t\thttps://example.org/nf", list.StdOut, StringComparison.Ordinal);
        Assert.Contains("1\tlocalhost\tyes", list.StdOut, StringComparison.Ordinal);

        var bad = await HopAsync("domains", "add", "printer.local", "--root-redirect", "javascript:alert(1)");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains(".local", bad.StdErr, StringComparison.Ordinal);
        Assert.Contains("rootRedirect", bad.StdErr, StringComparison.Ordinal);
        Assert.Equal(1, (await HopAsync("domains", "remove", "1")).ExitCode);

        var removed = await HopAsync("domains", "remove", domain);
        Assert.True(removed.ExitCode == 0, removed.StdErr);
        await Poll.UntilAsync(
            async () => (await DomainTests.VisitOnAsync(visitor, domain, "/" + NewAlias("none"))).Status == HttpStatusCode.NotFound,
            "the app stops serving the removed domain");
        Assert.Equal(1, (await HopAsync("domains", "remove", domain)).ExitCode);
    }

    [Fact]
    public async Task Keys_create_with_a_domain_makes_a_key_limited_to_it()
    {
        // Started first: the app makes the schema the verbs work on.
        var user = await host.CreateUserAsync();
        var domain = DomainTests.NewHost("clikey");
        var added = await HopAsync("domains", "add", domain);
        Assert.True(added.ExitCode == 0, added.StdErr);

        var created = await HopAsync("keys", "create", "--user", user.Username, "--name", "limited", "--scope", "links:read", "--domain", domain);
        Assert.True(created.ExitCode == 0, created.StdErr);
        var keys = await host.WithDbAsync(db => db.ApiKeys.AsNoTracking().Where(k => k.UserId == user.Id && k.Name == "limited")
            .Join(db.Domains, k => k.DomainId, d => (long?)d.Id, (k, d) => d.Host).ToListAsync(Ct));
        Assert.Equal([domain], keys);

        var unknown = await HopAsync("keys", "create", "--user", user.Username, "--name", "nowhere", "--scope", "links:read", "--domain", "nowhere.example.com");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No domain", unknown.StdErr, StringComparison.Ordinal);
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

public sealed class SqliteCliDomainTests(HopHost<Sqlite, Defaults> host) : CliDomainTests(host), IClassFixture<HopHost<Sqlite, Defaults>>;

public sealed class PostgresCliDomainTests(HopHost<Postgres, Defaults> host) : CliDomainTests(host), IClassFixture<HopHost<Postgres, Defaults>>;
