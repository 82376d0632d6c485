using System.Net;
using System.Text.Json;
using Hop.Accounts;
using Hop.IntegrationTests.Domains;
using Hop.IntegrationTests.Infrastructure;
using Hop.IntegrationTests.Links;
using Hop.Links;
using Microsoft.EntityFrameworkCore;

namespace Hop.IntegrationTests.Safety;

/// <summary>
/// The target policy through every way a target gets in (create, batch, CSV import, PATCH): each hostile
/// target is a 400 naming the field and the reason, nothing is stored or changed, nothing answers 500;
/// legitimate targets are stored normalized. Runs once per database provider.
/// </summary>
public abstract class TargetPolicyTests(HopHost host) : IAsyncLifetime
{
    /// <summary>A sample of HostileTargets.txt (tests/Hop.Tests/Safety), every category, and the words its reason must hold.</summary>
    public static readonly (string Url, string Reason)[] Hostile =
    [
        ("JavaScript:alert(1)", "http:// or https://"),
        ("  javascript:alert(document.cookie)", "http:// or https://"),
        ("%6Aavascript:alert(1)", "http:// or https://"),
        ("data:text/html,<script>alert(1)</script>", "http:// or https://"),
        ("vbscript:msgbox(1)", "http:// or https://"),
        ("file:///etc/passwd", "http:// or https://"),
        ("//evil.example/", "http:// or https://"),
        ("http:evil.example", "http:// or https://"),
        ("java\tscript:alert(1)", "control or invisible"),
        ("\u0001javascript:alert(1)", "control or invisible"),
        ("https://example.com/\r\nSet-Cookie: a=b", "control or invisible"),
        ("https://exa%0Ample.com/", "control or invisible"),
        ("https://ex\u200Bample.com/", "control or invisible"),
        ("https://example.com/\u202Egnp.exe", "control or invisible"),
        ("https:/\\evil.example", "backslash"),
        ("https://evil.example\\@bank.com/", "backslash"),
        ("https://bank.com@evil.example/", "user info"),
        ("https://bank.com%40evil.example/", "user info"),
        ("http://127.0.0.1:80@evil.example/", "user info"),
        ("https://[fe80::1%25eth0]/", "zone id"),
        ("https://example.com:0/", "port"),
        ("https://1.2.3.4.5/", "neither a valid IPv4"),
        ("http://127.0.0.1/", "loopback"),
        ("http://2130706433/", "loopback"),
        ("http://0177.0.0.1/", "loopback"),
        ("http://0x7f.1/", "loopback"),
        ("http://127.1/", "loopback"),
        ("http://%31%32%37.0.0.1/", "loopback"),
        ("http://１２７．０．０．１/", "loopback"),
        ("http://0/", "0.0.0.0/8"),
        ("http://10.1/", "10.0.0.0/8"),
        ("http://192.168.1.1/", "192.168.0.0/16"),
        ("http://100.64.0.1/", "100.64.0.0/10"),
        ("http://198.18.0.1/", "benchmarking"),
        ("http://203.0.113.7/", "documentation"),
        ("http://240.0.0.1/", "reserved"),
        ("http://[::1]/", "loopback"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://[::ffff:7f00:1]/", "loopback"),
        ("http://[64:ff9b::7f00:1]/", "loopback"),
        ("http://[fd12::1]/", "unique-local"),
        ("http://[2002:c0a8:101::1]/", "6to4"),
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://0xa9fea9fe/", "metadata"),
        ("http://[fd00:ec2::254]/", "metadata"),
        ("http://metadata.google.internal/", "metadata"),
        ("http://100.100.100.200/", "metadata"),
        ("http://localhost/", "localhost"),
        ("http://lOcAlHoSt./", "localhost"),
        ("http://api.localhost/", ".localhost"),
        ("http://printer.local/", ".local"),
        ("http://router/", "single label"),
        ("http://example.notatld/", "top-level domain"),
        ("https://HOP.example.net./abc", "this link shortener itself"),
        ("https://www.hop.example.net:443/abc", "this link shortener itself"),
        ("https://s.example.org/abc", "this link shortener itself"),
        ("https://bit.ly/abc", "another link shortener (bit.ly)"),
        ("https://www.tinyurl.com/abc", "another link shortener"),
        ("https://example.com/" + new string('a', 2029), "at most 2048 characters"),
        (new string('a', 9000), "at most 2048 characters"),
    ];

    public static readonly string[] Legitimate =
    [
        "https://example.com/a?b=c#d", "https://example.com:8443/a?b=c#d", "https://bücher.de/", "https://пример.рф/",
        "https://例え.jp/", "http://[2606:4700:4700::1111]/", "http://8.8.8.8/", "https://example.museum/",
        "https://example.xn--p1ai/", "https://example.technology/", "https://example.com/%7Euser/a%20b?q=%E4%BE%8B",
        "https://example.com/?q=" + new string('x', 1800), "https://127.0.0.1.nip.io/",
    ];

    private TestUser _user = null!;

    private TestUser _admin = null!;

    /// <summary>s.example.org is a domain besides the default one (hop.example.net), so it is one of Hop's own too.</summary>
    public async ValueTask InitializeAsync()
    {
        _user = await host.CreateUserAsync();
        _admin = await host.CreateUserAsync(Roles.Admin);
        await _admin.Client.EnsureDomainAsync("s.example.org");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<int> CountAsync() => host.WithDbAsync(db => db.Links.CountAsync(l => l.OwnerId == _user.Id, TestContext.Current.CancellationToken));

    [Fact]
    public async Task Hostile_targets_are_refused_on_create_batch_import_and_patch_and_nothing_is_written()
    {
        Assert.True(Hostile.Length >= 30);
        var client = _user.Client;
        var code = await client.CreateCodeAsync(new { url = "https://example.com/kept" });
        var before = await CountAsync();
        var failures = new List<string>();
        foreach (var (url, reason) in Hostile)
        {
            var created = await client.CreateLinkAsync(new { url });
            await Refusals.ExpectAsync(failures, "create", url, created, "url", reason);

            var batch = await client.PostRawAsync("/api/v1/links/batch", JsonSerializer.Serialize(new { items = new[] { new { url } } }));
            await Refusals.ExpectItemAsync(failures, "batch", url, batch, reason);

            var csv = "url,title\r\n" + CsvText.Row([url, "t"]);
            var import = await client.PostRawAsync("/api/v1/links/import", csv, contentType: "text/csv");
            await Refusals.ExpectItemAsync(failures, "import", url, import, reason);

            var patched = await client.PatchLinkAsync(code, JsonSerializer.Serialize(new { target = url }));
            await Refusals.ExpectAsync(failures, "patch", url, patched, "target", reason);
        }

        Assert.Empty(failures);
        Assert.Equal(before, await CountAsync());
        var kept = await client.GetLinkAsync(code);
        Assert.Equal(("https://example.com/kept", "\"1\""), ((await kept.ReadJsonAsync()).Str("url"), kept.ETag()));
    }

    [Fact]
    public async Task A_target_on_a_domain_just_added_is_refused_as_a_loop_on_every_path()
    {
        var client = _user.Client;
        var code = await client.CreateCodeAsync(new { url = "https://example.com/kept" });
        using (var accepted = await client.CreateLinkAsync(new { url = "https://go.example.org/before" }))
        {
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        }

        await _admin.Client.EnsureDomainAsync("go.example.org");
        var before = await CountAsync();
        var failures = new List<string>();
        foreach (var url in new[] { "https://go.example.org/x", "http://WWW.Go.Example.Org./y", "https://go.example.org:9999/z" })
        {
            await Refusals.ExpectAsync(failures, "create", url, await client.CreateLinkAsync(new { url }), "url", "loop");
            var batch = await client.PostRawAsync("/api/v1/links/batch", JsonSerializer.Serialize(new { items = new[] { new { url } } }));
            await Refusals.ExpectItemAsync(failures, "batch", url, batch, "loop");
            var import = await client.PostRawAsync("/api/v1/links/import", "url\r\n" + CsvText.Row([url]), contentType: "text/csv");
            await Refusals.ExpectItemAsync(failures, "import", url, import, "loop");
            var patched = await client.PatchLinkAsync(code, JsonSerializer.Serialize(new { target = url }));
            await Refusals.ExpectAsync(failures, "patch", url, patched, "target", "loop");
        }

        Assert.Empty(failures);
        Assert.Equal(before, await CountAsync());

        // Only the configured domains: a host the request names but no domain has is someone else's site.
        client.DefaultRequestHeaders.Host = "go.example.com";
        using var elsewhere = await client.CreateLinkAsync(new { url = "https://go.example.com/x" });
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Legitimate_targets_are_accepted_and_stored_normalized()
    {
        foreach (var url in Legitimate)
        {
            var response = await _user.Client.CreateLinkAsync(new { url });
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{url}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
            var stored = (await response.ReadJsonAsync()).Str("url");
            Assert.True(stored.All(c => c is > ' ' and < '\u007F'), stored);
        }

        var idn = await (await _user.Client.CreateLinkAsync(new { url = "https://Bücher.DE./x" })).ReadJsonAsync();
        Assert.Equal("https://xn--bcher-kva.de/x", idn.Str("url"));
        var link = await host.WithDbAsync(db => db.Links.AsNoTracking().SingleAsync(l => l.Code == idn.Str("code"), TestContext.Current.CancellationToken));
        Assert.Equal(("xn--bcher-kva.de", "de.xn--bcher-kva.", (string?)null), (link.TargetHost, link.HostKey, link.Warning));
    }

    [Fact]
    public async Task A_look_alike_host_is_accepted_with_a_warning_that_a_clean_target_clears()
    {
        var client = _user.Client;
        var created = await client.CreateLinkAsync(new { url = "https://аррӏе.com/login" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        Assert.Equal("https://xn--80ak6aa92e.com/login", body.Str("url"));
        Assert.Contains("look like Latin ones (it reads as apple)", body.Str("warning"), StringComparison.Ordinal);

        var code = body.Str("code");
        var info = WebUtility.HtmlDecode(await host.CreateClient().GetStringAsync($"/{code}+", TestContext.Current.CancellationToken));
        Assert.Contains("xn--80ak6aa92e.com", info, StringComparison.Ordinal);
        Assert.Contains("аррӏе.com", info, StringComparison.Ordinal);

        var mixed = await (await client.PatchLinkAsync(code, """{"target":"https://pаypal.com/"}""")).ReadJsonAsync();
        Assert.Contains("mixes alphabets (Latin and Cyrillic)", mixed.Str("warning"), StringComparison.Ordinal);
        var clean = await client.PatchLinkAsync(code, """{"target":"https://paypal.com/"}""");
        Assert.Equal(HttpStatusCode.OK, clean.StatusCode);
        Assert.True((await clean.ReadJsonAsync()).IsAbsentOrNull("warning"));
        Assert.Null(await host.WithDbAsync(db => db.Links.Where(l => l.Code == code).Select(l => l.Warning).SingleAsync(TestContext.Current.CancellationToken)));

        var readOnly = await client.PatchLinkAsync(code, """{"warning":null}""");
        Assert.Equal(HttpStatusCode.BadRequest, readOnly.StatusCode);
    }
}

public sealed class SqliteTargetPolicyTests(HopHost<Sqlite, GuardedTargets> host)
    : TargetPolicyTests(host), IClassFixture<HopHost<Sqlite, GuardedTargets>>;

public sealed class PostgresTargetPolicyTests(HopHost<Postgres, GuardedTargets> host)
    : TargetPolicyTests(host), IClassFixture<HopHost<Postgres, GuardedTargets>>;
