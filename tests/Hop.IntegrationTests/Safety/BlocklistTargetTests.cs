using System.Net;
using System.Text.Json;
using Hop.Accounts;
using Hop.IntegrationTests.Infrastructure;
using Hop.IntegrationTests.Links;
using Hop.Links;
using Microsoft.EntityFrameworkCore;
using static Hop.IntegrationTests.Redirects.RedirectTestKit;
using static Hop.IntegrationTests.Safety.BlocklistTestKit;

namespace Hop.IntegrationTests.Safety;

/// <summary>
/// Where the blocklist meets the target policy: entries an admin adds through the API decide what new
/// targets are accepted, through every way a target gets in (create, batch, CSV import, PATCH), in every
/// spelling of the host; a Review entry puts new links behind the interstitial; removing an entry lets
/// its domain in again. Runs once per database provider.
/// </summary>
public abstract class BlocklistTargetTests(HopHost host) : IAsyncLifetime
{
    private TestUser _admin = null!;
    private TestUser _owner = null!;

    public async ValueTask InitializeAsync()
    {
        _admin = await host.CreateUserAsync(Roles.Admin);
        _owner = await host.CreateUserAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The ways a browser or a careless writer may spell a link to <paramref name="domain"/> or one of its subdomains.</summary>
    public static string[] Spellings(string domain) =>
    [
        $"https://{domain}/login",
        $"https://www.{domain}/login",
        $"https://a.b.c.{domain}/deep/path?q=1",
        $"https://{domain.ToUpperInvariant()}/login",
        $"HTTPS://WWW.{domain.ToUpperInvariant()}./login",
        $"https://{domain}./login",
        $"https://{domain}:8443/login",
        $"http://{domain}:80/login",
        $"https://%{(int)domain[0]:X2}{domain[1..]}/login",
        $"https://{string.Concat(domain.Select(c => $"%{(int)c:X2}"))}/login",
        $"https://{FullWidth(domain)}/login",
        $"https://www.{FullWidth(domain.ToUpperInvariant())}/login",
    ];

    /// <summary>ASCII letters as their full-width forms (ｅｖｉｌ), which IDNA maps back to ASCII.</summary>
    public static string FullWidth(string text) =>
        string.Concat(text.Select(c => char.IsAsciiLetter(c) ? (char)(c + 0xFEE0) : c));

    private Task<int> CountAsync() =>
        host.WithDbAsync(db => db.Links.CountAsync(l => l.OwnerId == _owner.Id, Ct));

    [Fact]
    public async Task A_blocked_domain_is_refused_in_every_spelling_through_create_batch_import_and_patch()
    {
        var domain = NewDomain();
        var client = _owner.Client;
        var kept = await client.CreateCodeAsync(new { url = "https://example.com/kept" });
        await _admin.Client.BlockAsync(domain);
        var before = await CountAsync();

        var failures = new List<string>();
        foreach (var url in Spellings(domain))
        {
            await ExpectRefusedEverywhereAsync(client, kept, url, $"is on the blocklist ({domain}: tests)", failures);
        }

        Assert.Empty(failures);
        Assert.Equal(before, await CountAsync());
        var link = await client.GetLinkAsync(kept);
        Assert.Equal(("https://example.com/kept", "\"1\""), ((await link.ReadJsonAsync()).Str("url"), link.ETag()));

        // A longer name that merely ends with the domain's letters is another domain.
        var lookalike = await client.CreateLinkAsync(new { url = $"https://not{domain}/login" });
        Assert.Equal(HttpStatusCode.Created, lookalike.StatusCode);
        Assert.True((await lookalike.ReadJsonAsync()).IsAbsentOrNull("warning"));
        Assert.Equal(HttpStatusCode.OK, (await client.PatchLinkAsync(kept, JsonSerializer.Serialize(new { target = $"https://www.not{domain}/" }))).StatusCode);
        Assert.Equal(before + 1, await CountAsync());
    }

    [Fact]
    public async Task An_exact_url_entry_refuses_that_url_in_every_spelling_and_accepts_other_paths_on_the_host()
    {
        var domain = NewDomain("payload");
        var client = _owner.Client;
        var kept = await client.CreateCodeAsync(new { url = "https://example.com/kept" });
        await _admin.Client.BlockAsync($"https://{domain}/files/bad.exe");
        var before = await CountAsync();

        var failures = new List<string>();
        foreach (var url in new[]
                 {
                     $"https://{domain}/files/bad.exe", $"https://{domain.ToUpperInvariant()}./files/bad.exe",
                     $"https://{domain}:443/files/bad.exe", $"https://{FullWidth(domain)}/files/bad.exe",
                 })
        {
            await ExpectRefusedEverywhereAsync(client, kept, url, $"is on the blocklist (https://{domain}/files/bad.exe: tests)", failures);
        }

        Assert.Empty(failures);
        Assert.Equal(before, await CountAsync());

        foreach (var url in new[] { $"https://{domain}/files/good.pdf", $"https://{domain}/files/bad.exe?v=2", $"http://{domain}/files/bad.exe" })
        {
            var created = await client.CreateLinkAsync(new { url });
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"{url}: {await created.Content.ReadAsStringAsync(Ct)}");
        }

        Assert.Equal(before + 3, await CountAsync());
    }

    [Fact]
    public async Task A_review_entry_puts_new_and_existing_links_behind_the_interstitial_until_it_is_removed()
    {
        var domain = NewDomain("review");
        var client = _owner.Client;
        var visitor = host.NoRedirects();
        var existing = await client.CreateAsync($"https://{domain}/old");
        Assert.Equal($"https://{domain}/old", await visitor.FollowAsync(existing)); // cached now

        var entry = await _admin.Client.BlockAsync(domain, "review");
        Assert.Equal(1, entry.GetProperty("linksUnderReview").GetInt32());
        var created = await client.CreateLinkAsync(new { url = $"https://shop.{domain}/new" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        Assert.Equal("the domain is under review", body.Str("warning"));
        var fresh = body.Str("code");
        Assert.Equal(((string?)"the domain is under review", (long?)entry.GetProperty("entry").GetProperty("id").GetInt64()), await StateAsync(fresh));

        foreach (var (code, target) in new[] { (existing, $"https://{domain}/old"), (fresh, $"https://shop.{domain}/new") })
        {
            using var shown = await visitor.GetAsync("/" + code, Ct);
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
            Assert.Null(shown.Headers.Location);
            var page = WebUtility.HtmlDecode(await shown.Content.ReadAsStringAsync(Ct));
            Assert.Contains("You are leaving for", page, StringComparison.Ordinal);
            Assert.Contains("the domain is under review", page, StringComparison.Ordinal);
            Assert.Contains(target, page, StringComparison.Ordinal);
        }

        var removed = await _admin.Client.UnblockAsync(entry.GetProperty("entry").GetProperty("id").GetInt64());
        Assert.Equal(2, removed.GetProperty("linksRestored").GetInt32());
        foreach (var (code, target) in new[] { (existing, $"https://{domain}/old"), (fresh, $"https://shop.{domain}/new") })
        {
            using var redirected = await visitor.GetAsync("/" + code, Ct);
            Assert.Equal(HttpStatusCode.Found, redirected.StatusCode);
            Assert.Equal(target, redirected.Headers.Location?.OriginalString);
            Assert.Equal(((string?)null, (long?)null), await StateAsync(code));
            Assert.True((await (await client.GetLinkAsync(code)).ReadJsonAsync()).IsAbsentOrNull("warning"));
        }

        var after = await client.CreateLinkAsync(new { url = $"https://{domain}/later" });
        Assert.True((await after.ReadJsonAsync()).IsAbsentOrNull("warning"));
    }

    [Fact]
    public async Task Removing_a_block_entry_lets_links_to_the_domain_be_created_again()
    {
        var domain = NewDomain();
        var client = _owner.Client;
        var entry = await _admin.Client.BlockAsync(domain);
        var refused = await client.CreateLinkAsync(new { url = $"https://www.{domain}/a" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        await _admin.Client.UnblockAsync(entry.GetProperty("entry").GetProperty("id").GetInt64());
        var created = await client.CreateLinkAsync(new { url = $"https://www.{domain}/a" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        Assert.True(body.IsAbsentOrNull("warning"));
        Assert.Equal($"https://www.{domain}/a", await host.NoRedirects().FollowAsync(body.Str("code")));
        Assert.Equal(((string?)null, (long?)null), await StateAsync(body.Str("code")));
    }

    [Fact]
    public async Task A_link_under_review_then_blocked_is_left_with_no_warning_once_both_entries_are_gone()
    {
        var client = _owner.Client;
        var visitor = host.NoRedirects();
        foreach (var reviewGoesFirst in new[] { true, false })
        {
            var domain = NewDomain("escalated");
            var review = (await _admin.Client.BlockAsync(domain, "review")).GetProperty("entry").GetProperty("id").GetInt64();
            var code = await client.CreateAsync($"https://www.{domain}/x");
            var block = (await _admin.Client.BlockAsync("www." + domain)).GetProperty("entry").GetProperty("id").GetInt64();
            Assert.Equal("410", await visitor.FollowAsync(code));

            if (reviewGoesFirst)
            {
                await _admin.Client.UnblockAsync(review);
                Assert.Equal("410", await visitor.FollowAsync(code));
                await _admin.Client.UnblockAsync(block);
            }
            else
            {
                // The review entry still stands when the block goes: the link is back under review, by that entry.
                await _admin.Client.UnblockAsync(block);
                Assert.Equal(((string?)"the domain is under review", (long?)review), await StateAsync(code));
                Assert.Equal("200", await visitor.FollowAsync(code));
                await _admin.Client.UnblockAsync(review);
            }

            Assert.Equal($"https://www.{domain}/x", await visitor.FollowAsync(code));
            Assert.Equal(((string?)null, (long?)null), await StateAsync(code));
        }
    }

    /// <summary>A link's warning and the entry that set it: a link created under review holds the Review entry, so removing it undoes the warning.</summary>
    private Task<(string? Warning, long? BlockedBy)> StateAsync(string code) =>
        host.WithDbAsync(db => db.Links.Where(l => l.Code == code).Select(l => new ValueTuple<string?, long?>(l.Warning, l.BlockedBy)).SingleAsync(Ct));

    /// <summary>
    /// <paramref name="url"/> through create, batch, CSV import and PATCH of <paramref name="code"/>: each a
    /// refusal naming the field and holding <paramref name="reason"/>; each miss goes to <paramref name="failures"/>.
    /// </summary>
    internal static async Task ExpectRefusedEverywhereAsync(HttpClient client, string code, string url, string reason, List<string> failures)
    {
        using (var created = await client.CreateLinkAsync(new { url }))
        {
            await Refusals.ExpectAsync(failures, "create", url, created, "url", reason);
        }

        using (var batch = await client.PostRawAsync("/api/v1/links/batch", JsonSerializer.Serialize(new { items = new[] { new { url } } })))
        {
            await Refusals.ExpectItemAsync(failures, "batch", url, batch, reason);
        }

        using (var import = await client.PostRawAsync("/api/v1/links/import", "url,title\r\n" + CsvText.Row([url, "t"]), contentType: "text/csv"))
        {
            await Refusals.ExpectItemAsync(failures, "import", url, import, reason);
        }

        using var patched = await client.PatchLinkAsync(code, JsonSerializer.Serialize(new { target = url }));
        await Refusals.ExpectAsync(failures, "patch", url, patched, "target", reason);
    }
}

public sealed class SqliteBlocklistTargetTests(HopHost<Sqlite, Defaults> host)
    : BlocklistTargetTests(host), IClassFixture<HopHost<Sqlite, Defaults>>;

public sealed class PostgresBlocklistTargetTests(HopHost<Postgres, Defaults> host)
    : BlocklistTargetTests(host), IClassFixture<HopHost<Postgres, Defaults>>;
