using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hop.Accounts;
using Hop.IntegrationTests.Infrastructure;
using Hop.IntegrationTests.Links;
using Microsoft.EntityFrameworkCore;
using static Hop.IntegrationTests.Redirects.RedirectTestKit;

namespace Hop.IntegrationTests.Domains;

/// <summary>
/// Several domains through HTTP: codes are unique per domain, a redirect is decided by (Host, code), an
/// unknown Host is a 404 without a Location, each domain's root and not-found behaviour, who may create
/// links on a domain, API keys limited to one domain, and the admin API's validation. Runs once per provider.
/// </summary>
public abstract class DomainTests(HopHost host) : IAsyncLifetime
{
    private TestUser _admin = null!;
    private TestUser _user = null!;

    public async ValueTask InitializeAsync()
    {
        _admin = await host.CreateUserAsync(Roles.Admin);
        _user = await host.CreateUserAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    internal static string NewHost(string prefix = "d") => $"{prefix}{Guid.NewGuid():N}"[..14] + ".example.com";

    /// <summary>GET /{path} with Host <paramref name="hostHeader"/>: the status and the Location, if any.</summary>
    internal static async Task<(HttpStatusCode Status, string? Location)> VisitOnAsync(HttpClient client, string hostHeader, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = hostHeader;
        using var response = await client.SendAsync(request, Ct);
        return (response.StatusCode, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_same_code_on_two_domains_is_two_links_each_redirecting_to_its_own_target()
    {
        var (a, b) = (NewHost("a"), NewHost("b"));
        await _admin.Client.EnsureDomainAsync(a, new { host = a, https = false });
        await _admin.Client.EnsureDomainAsync(b);
        var alias = NewAlias("same");
        using var onA = await _user.Client.CreateLinkAsync(new { url = "https://example.com/on-a", alias, domain = a });
        using var onB = await _user.Client.CreateLinkAsync(new { url = "https://example.com/on-b", alias, domain = b.ToUpperInvariant() });
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (onA.StatusCode, onB.StatusCode));
        var (bodyA, bodyB) = (await onA.ReadJsonAsync(), await onB.ReadJsonAsync());
        Assert.Equal((a, $"http://{a}/{alias}"), (bodyA.Str("domain"), bodyA.Str("shortUrl")));
        Assert.Equal((b, $"https://{b}/{alias}"), (bodyB.Str("domain"), bodyB.Str("shortUrl")));

        using (var again = await _user.Client.CreateLinkAsync(new { url = "https://example.com/again", alias, domain = a }))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        var visitor = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal((HttpStatusCode.Found, "https://example.com/on-a"), await VisitOnAsync(visitor, a, "/" + alias));
        Assert.Equal((HttpStatusCode.Found, "https://example.com/on-b"), await VisitOnAsync(visitor, $"{b.ToUpperInvariant()}:8443", "/" + alias));
        // Twice: the second answer comes from the cache, keyed by domain too.
        Assert.Equal((HttpStatusCode.Found, "https://example.com/on-a"), await VisitOnAsync(visitor, a + ".", "/" + alias));
        Assert.Equal(HttpStatusCode.NotFound, (await VisitOnAsync(visitor, "localhost", "/" + alias)).Status);

        // The API addresses a code on a domain by ?domain=; the list filters by it.
        var onlyB = await (await _user.Client.GetAsync($"/api/v1/links?domain={b}", Ct)).ReadJsonAsync();
        Assert.Equal(["https://example.com/on-b"], onlyB.GetProperty("items").EnumerateArray().Select(i => i.Str("url")));
        var got = await (await _user.Client.GetAsync($"/api/v1/links/{alias}?domain={a}", Ct)).ReadJsonAsync();
        Assert.Equal("https://example.com/on-a", got.Str("url"));
        Assert.Equal(HttpStatusCode.NotFound, (await _user.Client.GetAsync($"/api/v1/links/{alias}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _user.Client.GetAsync($"/api/v1/links/{alias}/stats", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _user.Client.GetAsync($"/api/v1/links/{alias}/stats?domain={b}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _user.Client.GetAsync($"/api/v1/links/{alias}/qr?domain={a}&format=svg", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _user.Client.GetAsync($"/api/v1/links/{alias}/qr?domain=nowhere.example.com", Ct)).StatusCode);
        using var badFilter = await _user.Client.GetAsync("/api/v1/links?domain=nowhere.example.com", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.True((await badFilter.ReadJsonAsync()).GetProperty("errors").TryGetProperty("domain", out _));
    }

    [Fact]
    public async Task An_unknown_host_is_a_404_without_a_location_even_for_a_code_that_exists()
    {
        var code = await _user.Client.CreateAsync("https://example.com/known");
        var visitor = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal((HttpStatusCode.Found, "https://example.com/known"), await VisitOnAsync(visitor, "localhost", "/" + code));
        Assert.Equal((HttpStatusCode.Found, "https://example.com/known"), await VisitOnAsync(visitor, "127.0.0.1:8080", "/" + code));
        foreach (var unknown in new[] { "evil.example.com", "evil.example.com:443", "[2001:db8::1]" })
        {
            Assert.Equal((HttpStatusCode.NotFound, (string?)null), await VisitOnAsync(visitor, unknown, "/" + code));
            Assert.Equal((HttpStatusCode.NotFound, (string?)null), await VisitOnAsync(visitor, unknown, "/"));
            Assert.Equal((HttpStatusCode.NotFound, (string?)null), await VisitOnAsync(visitor, unknown, $"/{code}+"));
        }
    }

    [Fact]
    public async Task Unknown_codes_and_the_root_follow_the_domain_s_settings()
    {
        var branded = NewHost("brand");
        var plain = NewHost("plain");
        await _admin.Client.EnsureDomainAsync(branded, new
        {
            host = branded, rootRedirect = "https://www.example.org/home", notFoundRedirect = "https://www.example.org/missing",
        });
        await _admin.Client.EnsureDomainAsync(plain);
        var visitor = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal((HttpStatusCode.Found, "https://www.example.org/missing"), await VisitOnAsync(visitor, branded, "/" + NewAlias("none")));
        Assert.Equal((HttpStatusCode.Found, "https://www.example.org/home"), await VisitOnAsync(visitor, branded, "/"));
        Assert.Equal((HttpStatusCode.NotFound, (string?)null), await VisitOnAsync(visitor, plain, "/" + NewAlias("none")));
        Assert.Equal((HttpStatusCode.NotFound, (string?)null), await VisitOnAsync(visitor, plain, "/"));
        // The default domain's root is the start page.
        Assert.Equal((HttpStatusCode.OK, (string?)null), await VisitOnAsync(visitor, "localhost", "/"));

        var code = await _user.Client.CreateCodeAsync(new { url = "https://example.com/real", domain = branded });
        Assert.Equal((HttpStatusCode.Found, "https://example.com/real"), await VisitOnAsync(visitor, branded, "/" + code));
    }

    [Fact]
    public async Task Only_the_users_a_domain_admits_may_create_links_on_it()
    {
        var admins = NewHost("adm");
        var listed = NewHost("lst");
        var member = await host.CreateUserAsync();
        await _admin.Client.EnsureDomainAsync(admins, new { host = admins, access = "admins" });
        await _admin.Client.EnsureDomainAsync(listed, new { host = listed, access = "users", users = new[] { member.Id } });

        foreach (var (client, domain, allowed) in new[]
                 {
                     (_user.Client, admins, false), (member.Client, admins, false), (_admin.Client, admins, true),
                     (_user.Client, listed, false), (member.Client, listed, true), (_admin.Client, listed, true),
                 })
        {
            using var created = await client.CreateLinkAsync(new { url = "https://example.com/x", domain });
            if (allowed)
            {
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                continue;
            }

            Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
            var reason = (await created.ReadJsonAsync()).GetProperty("errors").GetProperty("domain")[0].GetString()!;
            Assert.Contains($"domain {domain} is open to", reason, StringComparison.Ordinal);
        }

        // The batch refuses the item alone, naming the field.
        using var batch = await _user.Client.PostAsJsonAsync("/api/v1/links/batch", new
        {
            items = new object[] { new { url = "https://example.com/ok" }, new { url = "https://example.com/no", domain = admins } },
        }, ApiClient.Json, Ct);
        var items = (await batch.ReadJsonAsync()).GetProperty("items");
        Assert.Equal(201, items[0].GetProperty("status").GetInt32());
        Assert.Equal(400, items[1].GetProperty("status").GetInt32());
        Assert.Contains("\"domain\"", items[1].GetProperty("problem").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_limited_to_a_domain_sees_and_creates_only_there()
    {
        var (mine, other) = (NewHost("mine"), NewHost("other"));
        await _admin.Client.EnsureDomainAsync(mine);
        await _admin.Client.EnsureDomainAsync(other);
        var elsewhere = await _user.Client.CreateCodeAsync(new { url = "https://example.com/other", domain = other });
        var onDefault = await _user.Client.CreateCodeAsync(new { url = "https://example.com/default" });

        using var keyCreated = await _user.Client.PostAsJsonAsync("/api/v1/keys", new
        {
            name = "limited", scopes = new[] { "links:read", "links:write", "stats:read" }, domain = mine,
        }, ApiClient.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, keyCreated.StatusCode);
        var keyBody = await keyCreated.ReadJsonAsync();
        Assert.Equal(mine, keyBody.GetProperty("details").Str("domain"));
        var limited = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        limited.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", keyBody.Str("key"));

        var created = await (await limited.CreateLinkAsync(new { url = "https://example.com/limited" })).ReadJsonAsync();
        Assert.Equal(mine, created.Str("domain"));
        using (var refused = await limited.CreateLinkAsync(new { url = "https://example.com/no", domain = other }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("limited to that domain", (await refused.ReadJsonAsync()).GetProperty("errors").GetProperty("domain")[0].GetString(), StringComparison.Ordinal);
        }

        var listed = await (await limited.GetAsync("/api/v1/links", Ct)).ReadJsonAsync();
        Assert.Equal([created.Str("code")], listed.GetProperty("items").EnumerateArray().Select(i => i.Str("code")));
        Assert.Equal(HttpStatusCode.NotFound, (await limited.GetAsync($"/api/v1/links/{elsewhere}?domain={other}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await limited.GetAsync($"/api/v1/links/{onDefault}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await limited.PatchLinkAsync(onDefault, """{"title":"x"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await limited.GetAsync($"/api/v1/links/{created.Str("code")}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await limited.GetAsync($"/api/v1/links/{onDefault}/stats", Ct)).StatusCode);

        var keys = await (await _user.Client.GetAsync("/api/v1/keys", Ct)).ReadJsonAsync();
        Assert.Contains(keys.EnumerateArray(), k => k.Str("name") == "limited" && k.Str("domain") == mine);

        // The domain is fixed once created, and a patch that names it says so.
        using var patch = await _user.Client.PatchLinkAsync(onDefault, JsonSerializer.Serialize(new { domain = mine }));
        Assert.Equal(HttpStatusCode.BadRequest, patch.StatusCode);
        Assert.Equal("domain is read-only.", (await patch.ReadJsonAsync()).GetProperty("errors").GetProperty("domain")[0].GetString());
    }

    [Fact]
    public async Task The_admin_api_reports_every_bad_field_at_once_and_guards_removal()
    {
        using var bad = await _admin.Client.AddDomainAsync(new
        {
            host = "localhost:8080", rootRedirect = "javascript:alert(1)", notFoundRedirect = "http://127.0.0.1/", access = "friends",
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.ReadJsonAsync()).GetProperty("errors");
        Assert.Equal(["access", "host", "notFoundRedirect", "rootRedirect"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("loopback", errors.GetProperty("notFoundRedirect")[0].GetString(), StringComparison.Ordinal);

        foreach (var (hostText, reason) in new[] { ("printer.local", ".local"), ("10.0.0.1", "IP address"), ("https://x.example.com", "without scheme") })
        {
            using var refused = await _admin.Client.AddDomainAsync(new { host = hostText });
            Assert.Contains(reason, (await refused.ReadJsonAsync()).GetProperty("errors").GetProperty("host")[0].GetString(), StringComparison.Ordinal);
        }

        using var users = await _admin.Client.AddDomainAsync(new { host = NewHost(), access = "users" });
        Assert.True((await users.ReadJsonAsync()).GetProperty("errors").TryGetProperty("users", out _));
        using (var forbidden = await _user.Client.AddDomainAsync(new { host = NewHost() }))
        {
            Assert.NotEqual(HttpStatusCode.Created, forbidden.StatusCode);
        }

        var unicode = "bücher" + Guid.NewGuid().ToString("N")[..6] + ".de";
        using var added = await _admin.Client.AddDomainAsync(new { host = unicode.ToUpperInvariant() });
        var domain = await added.ReadJsonAsync();
        Assert.StartsWith("xn--", domain.Str("host"), StringComparison.Ordinal);
        var id = domain.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.Client.AddDomainAsync(new { host = unicode })).StatusCode);

        using var patched = await _admin.Client.PatchAsync($"{DomainRequests.Path}/{id}",
            new StringContent("""{"notFoundRedirect":"https://example.org/nf","host":"x.example.com","access":3}""", System.Text.Encoding.UTF8, "application/merge-patch+json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, patched.StatusCode);
        Assert.Equal(["access", "host"], (await patched.ReadJsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        using var patchedOk = await _admin.Client.PatchAsync($"{DomainRequests.Path}/{id}",
            new StringContent("""{"notFoundRedirect":"https://example.org/nf"}""", System.Text.Encoding.UTF8, "application/merge-patch+json"), Ct);
        Assert.Equal("https://example.org/nf", (await patchedOk.ReadJsonAsync()).Str("notFoundRedirect"));

        var list = await (await _admin.Client.GetAsync(DomainRequests.Path, Ct)).ReadJsonAsync();
        var defaultDomain = list.EnumerateArray().Single(d => d.GetProperty("isDefault").GetBoolean());
        Assert.Equal(("localhost", 1L), (defaultDomain.Str("host"), defaultDomain.GetProperty("id").GetInt64()));
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.Client.DeleteAsync($"{DomainRequests.Path}/1", Ct)).StatusCode);

        await _user.Client.CreateCodeAsync(new { url = "https://example.com/keeps", domain = domain.Str("host") });
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.Client.DeleteAsync($"{DomainRequests.Path}/{id}", Ct)).StatusCode);
        var empty = await _admin.Client.EnsureDomainAsync(NewHost("empty"));
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.Client.DeleteAsync($"{DomainRequests.Path}/{empty}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.Client.DeleteAsync($"{DomainRequests.Path}/{empty}", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_openapi_example_of_a_create_names_a_domain_and_the_admin_routes_are_described()
    {
        var document = JsonDocument.Parse(await host.CreateClient().GetStringAsync("/openapi/v1.json", Ct)).RootElement;
        var example = document.GetProperty("paths").GetProperty("/api/v1/links").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("go.example.com", example.Str("domain"));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/admin/domains", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/admin/domains/{id}", out _));
    }

    [Fact]
    public async Task Csv_export_and_import_carry_the_domain()
    {
        var domain = NewHost("csv");
        await _admin.Client.EnsureDomainAsync(domain);
        var owner = await host.CreateUserAsync();
        var alias = NewAlias("csv");
        var csv = $"url,alias,domain\r\nhttps://example.com/1,{alias},{domain}\r\nhttps://example.com/2,{alias},\r\nhttps://example.com/3,{alias},{domain}\r\n";
        using var imported = await owner.Client.PostRawAsync("/api/v1/links/import", csv, contentType: "text/csv");
        var items = (await imported.ReadJsonAsync()).GetProperty("items");
        Assert.Equal([201, 201, 409], items.EnumerateArray().Select(i => i.GetProperty("status").GetInt32()));
        Assert.Equal(domain, items[0].GetProperty("link").Str("domain"));
        Assert.Equal("localhost", items[1].GetProperty("link").Str("domain"));

        var export = await owner.Client.GetStringAsync("/api/v1/links/export", Ct);
        var lines = export.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("code,url,title,tags,expiresAt,createdAt,state,domain,rules,variants,preview_title,preview_description,preview_image", lines[0]);
        Assert.Contains(lines, l => l.StartsWith($"{alias},https://example.com/1,", StringComparison.Ordinal) && l.EndsWith($",active,{domain},,,,,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{alias},https://example.com/2,", StringComparison.Ordinal) && l.EndsWith(",active,localhost,,,,,", StringComparison.Ordinal));
        Assert.Equal(2, await host.WithDbAsync(db => db.Links.CountAsync(l => l.Code == alias, Ct)));
    }
}

public sealed class SqliteDomainTests(HopHost<Sqlite, Defaults> host) : DomainTests(host), IClassFixture<HopHost<Sqlite, Defaults>>;

public sealed class PostgresDomainTests(HopHost<Postgres, Defaults> host) : DomainTests(host), IClassFixture<HopHost<Postgres, Defaults>>;
