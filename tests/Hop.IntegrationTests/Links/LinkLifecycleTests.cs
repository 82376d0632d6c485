using System.Net;
using Hop.IntegrationTests.Infrastructure;
using Hop.Links;
using Hop.Redirects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hop.IntegrationTests.Links;

/// <summary>Create, follow and inspect links through HTTP, on a fake clock; runs once per database provider.</summary>
public abstract class LinkLifecycleTests(HopHost host) : IAsyncLifetime
{
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync() => _client = (await host.CreateUserAsync()).Client;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_then_redirect_then_info_page()
    {
        var created = await _client.CreateLinkAsync(new { url = "https://example.com/docs?page=2", title = "Docs <2>" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        var code = body.Str("code");
        Assert.Equal(7, code.Length);
        Assert.EndsWith("/" + code, body.Str("shortUrl"), StringComparison.Ordinal);
        Assert.Equal($"/api/v1/links/{code}", created.Headers.Location?.OriginalString);

        var redirect = await _client.GetAsync($"/{code}", Ct);
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.Equal("https://example.com/docs?page=2", redirect.Headers.Location?.OriginalString);

        var info = await _client.GetAsync($"/{code}+", Ct);
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        Assert.Equal("text/html", info.Content.Headers.ContentType?.MediaType);
        var html = await info.Content.ReadAsStringAsync(Ct);
        Assert.Contains("https://example.com/docs?page=2", html, StringComparison.Ordinal);
        Assert.Contains("Docs &lt;2&gt;", html, StringComparison.Ordinal);

        var read = await _client.GetAsync($"/api/v1/links/{code}", Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var link = await read.ReadJsonAsync();
        Assert.Equal("https://example.com/docs?page=2", link.Str("url"));
        Assert.Equal("active", link.Str("state"));
    }

    [Fact]
    public async Task Another_users_link_is_a_404_and_anonymous_calls_are_401()
    {
        var code = (await (await _client.CreateLinkAsync(new { url = "https://example.com/mine" })).ReadJsonAsync()).Str("code");
        var other = await host.CreateUserAsync();
        var response = await other.Client.GetAsync($"/api/v1/links/{code}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("example.com/mine", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var admin = await host.CreateUserAsync(Hop.Accounts.Roles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync($"/api/v1/links/{code}", Ct)).StatusCode);

        var anonymous = host.CreateClient();
        var unauthorized = await anonymous.CreateLinkAsync(new { url = "https://example.com/anon" });
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal("application/problem+json", unauthorized.Content.Headers.ContentType?.MediaType);

        anonymous.DefaultRequestHeaders.Add("X-Api-Key", "hop_" + new string('A', 43));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/links/{code}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Custom_alias_redirects_and_is_case_sensitive()
    {
        var alias = "Promo-" + Guid.NewGuid().ToString("N")[..8];
        var created = await _client.CreateLinkAsync(new { url = "https://example.org/", alias });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(alias, (await created.ReadJsonAsync()).Str("code"));

        var lower = await _client.CreateLinkAsync(new { url = "https://example.net/", alias = alias.ToLowerInvariant() });
        Assert.Equal(HttpStatusCode.Created, lower.StatusCode);

        Assert.Equal("https://example.org/", (await _client.GetAsync($"/{alias}", Ct)).Headers.Location?.OriginalString);
        Assert.Equal("https://example.net/", (await _client.GetAsync($"/{alias.ToLowerInvariant()}", Ct)).Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/zzzzzzz")]
    [InlineData("/no-such-alias")]
    [InlineData("/bad!code")]
    [InlineData("/zzzzzzz+")]
    public async Task Unknown_codes_answer_404(string path)
    {
        var response = await _client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_link_in_the_api_is_a_problem_404()
    {
        var response = await _client.GetAsync("/api/v1/links/zzzzzzz", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, (await response.ReadJsonAsync()).GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("deleted")]
    [InlineData("disabled")]
    public async Task Links_that_are_no_longer_active_answer_410(string state)
    {
        const string url = "https://example.com/gone";
        var expiresAt = host.Now.AddMinutes(1);
        object body = state == "expired" ? new { url, expiresAt } : new { url };
        var code = (await (await _client.CreateLinkAsync(body)).ReadJsonAsync()).Str("code");
        Assert.Equal(HttpStatusCode.Found, (await _client.GetAsync($"/{code}", Ct)).StatusCode);
        if (state == "expired")
        {
            // Active until the clock reaches expiresAt.
            host.Clock.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromSeconds(1));
            Assert.Equal(HttpStatusCode.Found, (await _client.GetAsync($"/{code}", Ct)).StatusCode);
            host.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        else
        {
            await host.WithDbAsync(async db =>
            {
                var link = await db.Links.SingleAsync(l => l.Code == code, Ct);
                if (state == "deleted")
                {
                    link.DeletedAt = host.Now.UtcDateTime;
                }
                else
                {
                    link.DisabledReason = "abuse report";
                }

                await db.SaveChangesAsync(Ct);
            });
            // A writer invalidates the cached copy after its change, as every feature that edits links does.
            host.Services.GetRequiredService<LinkCache>().Invalidate(code);
        }

        var response = await _client.GetAsync($"/{code}", Ct);
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Null(response.Headers.Location);

        var json = new HttpRequestMessage(HttpMethod.Get, $"/{code}");
        json.Headers.Accept.ParseAdd("application/json");
        var problem = await _client.SendAsync(json, Ct);
        Assert.Equal(HttpStatusCode.Gone, problem.StatusCode);
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);

        var info = await _client.GetStringAsync($"/{code}+", Ct);
        Assert.Contains(state, info, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_every_field()
    {
        var response = await _client.CreateLinkAsync(new
        {
            url = "javascript:alert(1)",
            alias = "ADM1N",
            title = new string('t', 201),
            expiresAt = host.Now.AddDays(-1),
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Equal(["alias", "expiresAt", "title", "url"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("ftp://example.com/file")]
    [InlineData("https://user:secret@example.com/")]
    [InlineData("https://example.com/a b")]
    [InlineData("not a url")]
    public async Task Unsafe_targets_are_refused_and_nothing_is_written(string url)
    {
        // What the target would be stored as: the normalized form of a URL that parses, else the text.
        string[] stored = Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? [url, parsed.AbsoluteUri] : [url];
        var before = await host.WithDbAsync(db => db.Links.CountAsync(Ct));
        var response = await _client.CreateLinkAsync(new { url });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("url", out _));
        Assert.Equal(before, await host.WithDbAsync(db => db.Links.CountAsync(Ct)));
        Assert.Equal(0, await host.WithDbAsync(db => db.Links.CountAsync(l => stored.Contains(l.TargetUrl), Ct)));
    }

    [Fact]
    public async Task Taken_alias_is_a_409()
    {
        var alias = "taken-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await _client.CreateLinkAsync(new { url = "https://example.com/1", alias })).StatusCode);
        var second = await _client.CreateLinkAsync(new { url = "https://example.com/2", alias });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal("https://example.com/1", (await _client.GetAsync($"/{alias}", Ct)).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Concurrent_creates_of_one_alias_give_exactly_one_201()
    {
        var alias = "race-" + Guid.NewGuid().ToString("N")[..8];
        var attempts = Enumerable.Range(0, 20).Select(i => _client.CreateLinkAsync(new { url = $"https://example.com/{i}", alias }));
        var statuses = (await Task.WhenAll(attempts)).Select(r => r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(19, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(1, await host.WithDbAsync(db => db.Links.CountAsync(l => l.Code == alias, Ct)));
    }

    [Fact]
    public async Task A_thousand_creates_give_a_thousand_distinct_unordered_codes()
    {
        var codes = new string[1000];
        await Parallel.ForAsync(0, codes.Length, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (i, ct) =>
        {
            var response = await _client.CreateLinkAsync(new { url = $"https://example.com/bulk/{i}" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            codes[i] = (await response.ReadJsonAsync()).Str("code");
        });

        Assert.All(codes, c => Assert.Matches("^[0-9A-Za-z]{7}$", c));
        Assert.Equal(codes.Length, codes.Distinct(StringComparer.Ordinal).Count());

        var byCreation = await host.WithDbAsync(db => db.Links
            .Where(l => l.TargetUrl.StartsWith("https://example.com/bulk/"))
            .OrderBy(l => l.Id).Select(l => l.Code).ToListAsync(Ct));
        Assert.NotEqual(byCreation.Order(StringComparer.Ordinal), byCreation);
    }

    [Fact]
    public async Task A_generated_code_that_meets_an_alias_is_skipped()
    {
        // Take the codes of the next two blocks of ids as aliases. The instance holds at most one
        // block, so the generated creates below must walk past all twenty aliases.
        var key = await host.WithDbAsync(db => CodeKeys.LoadOrCreateAsync(db, null, Ct));
        var permutation = new CodePermutation(key);
        var next = await NextIdAsync();
        var aliases = Enumerable.Range(0, 2 * HopHost.CodeBlockSize)
            .Select(i => ShortCode.Encode(permutation.Permute(next + i))).ToList();
        foreach (var alias in aliases)
        {
            Assert.Equal(HttpStatusCode.Created, (await _client.CreateLinkAsync(new { url = "https://example.com/alias", alias })).StatusCode);
        }

        for (var i = 0; i <= HopHost.CodeBlockSize; i++)
        {
            var created = await _client.CreateLinkAsync(new { url = "https://example.com/generated" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.DoesNotContain((await created.ReadJsonAsync()).Str("code"), aliases);
        }

        Assert.True(await NextIdAsync() >= next + (3 * HopHost.CodeBlockSize));
    }

    private Task<long> NextIdAsync() => host.WithDbAsync(db =>
        db.CodeSequences.Where(s => s.Name == "links").Select(s => s.NextId).SingleAsync(Ct));
}

public sealed class SqliteLinkLifecycleTests(HopHost<Sqlite, FakeClock> host)
    : LinkLifecycleTests(host), IClassFixture<HopHost<Sqlite, FakeClock>>;

public sealed class PostgresLinkLifecycleTests(HopHost<Postgres, FakeClock> host)
    : LinkLifecycleTests(host), IClassFixture<HopHost<Postgres, FakeClock>>;

