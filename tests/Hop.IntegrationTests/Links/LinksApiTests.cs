using System.Net;
using System.Text.Json;
using Hop.Accounts;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hop.IntegrationTests.Links;

/// <summary>Read, merge patch, delete, ETags and isolation of the links API, on a fake clock; runs once per database provider.</summary>
public abstract class LinksApiTests(HopHost host) : IAsyncLifetime
{
    private TestUser _user = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _user = await host.CreateUserAsync();
        _client = _user.Client;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_carries_a_strong_etag_and_if_none_match_answers_304()
    {
        var code = await _client.CreateCodeAsync(new { url = "https://example.com/etag" });
        var first = await _client.GetLinkAsync(code);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"1\"", first.ETag());

        var notModified = await _client.GetLinkAsync(code, ifNoneMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal("\"1\"", notModified.ETag());
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(Ct));

        Assert.Equal(HttpStatusCode.NotModified, (await _client.GetLinkAsync(code, ifNoneMatch: "W/\"1\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await _client.GetLinkAsync(code, ifNoneMatch: "*")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetLinkAsync(code, ifNoneMatch: "\"7\", \"8\"")).StatusCode);

        var patched = await _client.PatchLinkAsync(code, """{"title":"changed"}""");
        Assert.Equal("\"2\"", patched.ETag());
        var afterChange = await _client.GetLinkAsync(code, ifNoneMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.OK, afterChange.StatusCode);
        Assert.Equal("changed", (await afterChange.ReadJsonAsync()).Str("title"));
    }

    [Fact]
    public async Task If_match_guards_patch_and_delete()
    {
        var code = await _client.CreateCodeAsync(new { url = "https://example.com/if-match" });
        var ok = await _client.PatchLinkAsync(code, """{"title":"one"}""", ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("\"2\"", ok.ETag());

        var stale = await _client.PatchLinkAsync(code, """{"title":"two"}""", ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal("one", (await (await _client.GetLinkAsync(code)).ReadJsonAsync()).Str("title"));

        // If-Match compares strongly: a weak tag never matches.
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await _client.PatchLinkAsync(code, """{"title":"w"}""", ifMatch: "W/\"2\"")).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await _client.DeleteLinkAsync(code, ifMatch: "\"1\"")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetLinkAsync(code)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteLinkAsync(code, ifMatch: "\"2\"")).StatusCode);
    }

    [Fact]
    public async Task Concurrent_patches_with_the_same_if_match_have_one_winner()
    {
        var code = await _client.CreateCodeAsync(new { url = "https://example.com/race" });
        var attempts = Enumerable.Range(0, 10)
            .Select(i => _client.PatchLinkAsync(code, $$"""{"title":"writer {{i}}"}""", ifMatch: "\"1\""));
        var responses = await Task.WhenAll(attempts);
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).ReadJsonAsync();

        var stored = await host.WithDbAsync(db => db.Links.AsNoTracking().SingleAsync(l => l.Code == code, Ct));
        Assert.Equal(2, stored.Version);
        Assert.Equal(winner.Str("title"), stored.Title);
    }

    [Fact]
    public async Task Concurrent_patches_without_if_match_all_apply()
    {
        var code = await _client.CreateCodeAsync(new { url = "https://example.com/no-precondition" });
        var responses = await Task.WhenAll(Enumerable.Range(0, 6)
            .Select(i => _client.PatchLinkAsync(code, $$"""{"title":"t{{i}}"}""")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var stored = await host.WithDbAsync(db => db.Links.AsNoTracking().SingleAsync(l => l.Code == code, Ct));
        Assert.Equal(7, stored.Version);
    }

    [Fact]
    public async Task Merge_patch_sets_every_field_and_null_removes_them()
    {
        var code = await _client.CreateCodeAsync(new { url = "https://example.com/patch" });
        var before = await host.WithDbAsync(db => db.Links.AsNoTracking().SingleAsync(l => l.Code == code, Ct));
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var expires = host.Now.UtcDateTime.AddDays(3);

        var response = await _client.PatchLinkAsync(code, $$"""
            {
              "url": "https://example.org/new?x=1",
              "title": "New title",
              "tags": ["Docs", "launch", "Docs", " spaced "],
              "expiresAt": "{{expires:O}}",
              "maxVisits": 25,
              "redirectStatus": 308,
              "forwardQuery": true,
              "password": "s3cret-word"
            }
            """);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("https://example.org/new?x=1", body.Str("url"));
        Assert.Equal("New title", body.Str("title"));
        Assert.Equal(["Docs", "launch", "spaced"], body.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(25, body.GetProperty("maxVisits").GetInt64());
        Assert.Equal(308, body.GetProperty("redirectStatus").GetInt32());
        Assert.True(body.GetProperty("forwardQuery").GetBoolean());
        Assert.True(body.GetProperty("hasPassword").GetBoolean());
        Assert.True(body.IsAbsentOrNull("password"));
        Assert.EndsWith("Z", body.Str("expiresAt"), StringComparison.Ordinal);

        var stored = await host.WithDbAsync(db => db.Links.AsNoTracking().SingleAsync(l => l.Code == code, Ct));
        Assert.Equal(2, stored.Version);
        Assert.True(stored.UpdatedAt > before.UpdatedAt);
        Assert.Equal(host.Now.UtcDateTime, stored.UpdatedAt);
        Assert.Equal(before.CreatedAt, stored.CreatedAt);
        Assert.NotEqual("s3cret-word", stored.PasswordHash);
        var hashing = host.Services.GetRequiredService<PasswordHashing>();
        Assert.True(hashing.Verify(stored.PasswordHash!, "s3cret-word", out _));

        var cleared = await _client.PatchLinkAsync(code,
            """{"title":null,"tags":null,"expiresAt":null,"maxVisits":null,"password":null}""", contentType: "application/json");
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        var after = await cleared.ReadJsonAsync();
        Assert.True(after.IsAbsentOrNull("title"));
        Assert.True(after.IsAbsentOrNull("expiresAt"));
        Assert.True(after.IsAbsentOrNull("maxVisits"));
        Assert.Empty(after.GetProperty("tags").EnumerateArray());
        Assert.False(after.GetProperty("hasPassword").GetBoolean());
        Assert.Equal("https://example.org/new?x=1", after.Str("url"));
        Assert.Equal(308, after.GetProperty("redirectStatus").GetInt32());
        Assert.Equal("\"3\"", cleared.ETag());
    }

    [Fact]
    public async Task Read_only_and_unknown_fields_are_refused_by_name_and_nothing_is_written()
    {
        var code = await _client.CreateCodeAsync(new { url = "https://example.com/mass", title = "kept" });
        var response = await _client.PatchLinkAsync(code,
            """{"title":"changed","code":"mine","owner":1,"ownerId":2,"visitCount":99,"createdAt":"2020-01-01T00:00:00Z","isAdmin":true}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Equal(["code", "createdAt", "isAdmin", "owner", "ownerId", "visitCount"],
            errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("read-only", errors.GetProperty("visitCount")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("not a field", errors.GetProperty("isAdmin")[0].GetString(), StringComparison.Ordinal);

        var stored = await host.WithDbAsync(db => db.Links.AsNoTracking().SingleAsync(l => l.Code == code, Ct));
        Assert.Equal("kept", stored.Title);
        Assert.Equal(1, stored.Version);
        Assert.Equal(0, stored.VisitCount);
        Assert.Equal(_user.Id, stored.OwnerId);
    }

    [Fact]
    public async Task Every_invalid_field_is_listed_at_once()
    {
        var code = await _client.CreateCodeAsync(new { url = "https://example.com/invalid" });
        var response = await _client.PatchLinkAsync(code, """
            {"url":"javascript:alert(1)","title":7,"tags":[""],"expiresAt":"2000-01-01T00:00:00Z","maxVisits":0,
             "redirectStatus":303,"forwardQuery":"yes","password":"x","disabled":null}
            """);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Equal(
            ["disabled", "expiresAt", "forwardQuery", "maxVisits", "password", "redirectStatus", "tags", "title", "url"],
            errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(1, await host.WithDbAsync(db => db.Links.Where(l => l.Code == code).Select(l => l.Version).SingleAsync(Ct)));

        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PatchLinkAsync(code, "[1,2]")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PatchLinkAsync(code, "{not json")).StatusCode);
        var wrongType = await _client.PatchLinkAsync(code, "title=x", contentType: "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal("application/problem+json", wrongType.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Disabling_and_enabling_by_the_owner_but_not_past_an_administrator()
    {
        var code = await _client.CreateCodeAsync(new { url = "https://example.com/disable" });
        var disabled = await (await _client.PatchLinkAsync(code, """{"disabled":true}""")).ReadJsonAsync();
        Assert.Equal("disabled", disabled.Str("state"));
        Assert.Equal("disabled by owner", disabled.Str("disabledReason"));
        Assert.Equal(HttpStatusCode.Gone, (await _client.GetAsync($"/{code}", Ct)).StatusCode);

        var enabled = await (await _client.PatchLinkAsync(code, """{"disabled":false}""")).ReadJsonAsync();
        Assert.Equal("active", enabled.Str("state"));
        Assert.Equal(HttpStatusCode.Found, (await _client.GetAsync($"/{code}", Ct)).StatusCode);

        await host.WithDbAsync(async db =>
        {
            var link = await db.Links.SingleAsync(l => l.Code == code, Ct);
            link.DisabledReason = "abuse report";
            await db.SaveChangesAsync(Ct);
        });
        var refused = await _client.PatchLinkAsync(code, """{"disabled":false}""");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.ReadJsonAsync()).GetProperty("errors").TryGetProperty("disabled", out _));
        Assert.Equal("abuse report", await host.WithDbAsync(db =>
            db.Links.Where(l => l.Code == code).Select(l => l.DisabledReason).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Delete_is_soft_answers_410_and_the_code_is_never_reissued()
    {
        var alias = "gone-" + Guid.NewGuid().ToString("N")[..8];
        var code = await _client.CreateCodeAsync(new { url = "https://example.com/delete", alias });
        var deleted = await _client.DeleteLinkAsync(code);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await deleted.Content.ReadAsByteArrayAsync(Ct));

        Assert.Equal(HttpStatusCode.Gone, (await _client.GetAsync($"/{code}", Ct)).StatusCode);
        var api = await _client.GetLinkAsync(code);
        Assert.Equal(HttpStatusCode.Gone, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Gone, (await _client.PatchLinkAsync(code, """{"title":"x"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await _client.DeleteLinkAsync(code)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _client.CreateLinkAsync(new { url = "https://example.com/again", alias })).StatusCode);

        var row = await host.WithDbAsync(db => db.Links.AsNoTracking().SingleAsync(l => l.Code == code, Ct));
        Assert.NotNull(row.DeletedAt);
        Assert.Equal("https://example.com/delete", row.TargetUrl);
        Assert.Equal(2, row.Version);
    }

    [Fact]
    public async Task Another_user_gets_the_same_404_as_for_a_missing_link_on_every_route()
    {
        var code = await _client.CreateCodeAsync(new { url = "https://example.com/private-a", title = "A's secret", tags = new[] { "a-only" } });
        var other = (await host.CreateUserAsync()).Client;
        var missing = "zz" + Guid.NewGuid().ToString("N")[..10];

        async Task AssertSame404(Func<string, Task<HttpResponseMessage>> send)
        {
            var theirs = await send(code);
            var absent = await send(missing);
            Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
            Assert.Equal(absent.Content.Headers.ContentType?.MediaType, theirs.Content.Headers.ContentType?.MediaType);
            // Equal but for the code itself and the trace id that every response has its own of.
            static string Normalized(string json, string code) => string.Join(",", JsonDocument.Parse(json.Replace(code, "CODE", StringComparison.Ordinal))
                .RootElement.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));
            Assert.Equal(
                Normalized(await absent.Content.ReadAsStringAsync(Ct), missing),
                Normalized(await theirs.Content.ReadAsStringAsync(Ct), code));
            Assert.Null(theirs.Headers.ETag);
        }

        await AssertSame404(c => other.GetLinkAsync(c));
        await AssertSame404(c => other.GetLinkAsync(c, ifNoneMatch: "\"1\""));
        await AssertSame404(c => other.PatchLinkAsync(c, """{"title":"mine now"}"""));
        await AssertSame404(c => other.PatchLinkAsync(c, """{"title":"mine now"}""", ifMatch: "\"1\""));
        await AssertSame404(c => other.DeleteLinkAsync(c));

        var list = await (await other.GetAsync("/api/v1/links?q=private-a", Ct)).ReadJsonAsync();
        Assert.Empty(list.GetProperty("items").EnumerateArray());
        var byTag = await (await other.GetAsync("/api/v1/links?tag=a-only", Ct)).ReadJsonAsync();
        Assert.Empty(byTag.GetProperty("items").EnumerateArray());
        Assert.DoesNotContain(code, await other.GetStringAsync("/api/v1/links/export", Ct), StringComparison.Ordinal);

        var stored = await host.WithDbAsync(db => db.Links.AsNoTracking().SingleAsync(l => l.Code == code, Ct));
        Assert.Equal("A's secret", stored.Title);
        Assert.Null(stored.DeletedAt);
    }

    [Fact]
    public async Task Read_scope_alone_cannot_write()
    {
        var code = await _client.CreateCodeAsync(new { url = "https://example.com/scoped" });
        var reader = (await host.CreateUserAsync(Roles.User, Scopes.LinksRead)).Client;
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/links", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.CreateLinkAsync(new { url = "https://example.com/r" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PatchLinkAsync(code, """{"title":"x"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.DeleteLinkAsync(code)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostRawAsync("/api/v1/links/batch", """{"items":[]}""")).StatusCode);
    }

    [Fact]
    public async Task Create_accepts_the_per_link_options()
    {
        var response = await _client.CreateLinkAsync(new
        {
            url = "https://example.com/options",
            tags = new[] { "x", "y" },
            maxVisits = 3,
            redirectStatus = 301,
            forwardQuery = true,
            password = "open-sesame",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("\"1\"", response.ETag());
        var body = await response.ReadJsonAsync();
        Assert.Equal(301, body.GetProperty("redirectStatus").GetInt32());
        Assert.True(body.GetProperty("hasPassword").GetBoolean());
        Assert.Equal(2, body.GetProperty("tags").GetArrayLength());

        var bad = await _client.CreateLinkAsync(new { url = "https://example.com/o", redirectStatus = 303, maxVisits = 0, password = "p", tags = new[] { "a;b" } });
        var errors = (await bad.ReadJsonAsync()).GetProperty("errors");
        Assert.Equal(["maxVisits", "password", "redirectStatus", "tags"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task List_filters_by_tag_text_time_and_state()
    {
        var user = await host.CreateUserAsync();
        var client = user.Client;
        var stamp = Guid.NewGuid().ToString("N")[..6];

        // Each link is a second younger than the one before, so creation times split the list cleanly.
        async Task<string> CreateAsync(object body)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(1));
            return await client.CreateCodeAsync(body);
        }

        var docs = await CreateAsync(new { url = $"https://docs.example.com/{stamp}", title = "Reference MANUAL", tags = new[] { "docs" } });
        var blog = await CreateAsync(new { url = "https://blog.example.com/post", tags = new[] { "blog", "docs" } });
        var expired = await CreateAsync(new { url = "https://example.com/expired", expiresAt = host.Now.AddMinutes(1) });
        var disabled = await CreateAsync(new { url = "https://example.com/disabled" });
        var deleted = await CreateAsync(new { url = "https://example.com/deleted" });
        var used = await CreateAsync(new { url = "https://example.com/used", maxVisits = 2 });
        await client.PatchLinkAsync(disabled, """{"disabled":true}""");
        await client.DeleteLinkAsync(deleted);
        await host.WithDbAsync(async db =>
        {
            (await db.Links.SingleAsync(l => l.Code == used, Ct)).VisitCount = 2;
            await db.SaveChangesAsync(Ct);
        });
        host.Clock.Advance(TimeSpan.FromMinutes(1));

        async Task<List<string>> Codes(string query)
        {
            var response = await client.GetAsync("/api/v1/links" + query, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return [.. (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.Str("code"))];
        }

        Assert.Equal([used, disabled, expired, blog, docs], await Codes(""));
        Assert.Equal([docs, blog, expired, disabled, used], await Codes("?sort=created"));
        Assert.Equal([blog, docs], await Codes("?tag=docs"));
        Assert.Equal([docs], await Codes("?q=manual"));
        Assert.Equal([docs], await Codes($"?q={stamp.ToUpperInvariant()}"));
        Assert.Equal([blog], await Codes("?q=BLOG.example"));
        Assert.Equal([blog, docs], await Codes("?state=active"));
        Assert.Equal([used, expired], await Codes("?state=expired"));
        Assert.Equal([disabled], await Codes("?state=disabled"));
        Assert.Equal([deleted], await Codes("?state=deleted"));

        var created = await host.WithDbAsync(db => db.Links.Where(l => l.Code == expired).Select(l => l.CreatedAt).SingleAsync(Ct));
        var at = Uri.EscapeDataString(created.ToString("O"));
        Assert.Equal([used, disabled, expired], await Codes($"?createdAfter={at}"));
        Assert.Equal([blog, docs], await Codes($"?createdBefore={at}"));

        var bad = await client.GetAsync("/api/v1/links?limit=0&cursor=nope&state=gone&sort=name&createdAfter=yesterday", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.ReadJsonAsync()).GetProperty("errors");
        Assert.Equal(["createdAfter", "cursor", "limit", "sort", "state"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/links?limit=501", Ct)).StatusCode);
    }

    [Fact]
    public async Task List_pages_with_a_cursor_and_a_link_header()
    {
        var user = await host.CreateUserAsync();
        var codes = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            codes.Add(await user.Client.CreateCodeAsync(new { url = $"https://example.com/page/{i}", tags = new[] { "paged" } }));
        }

        var first = await user.Client.GetAsync("/api/v1/links?limit=3&tag=paged", Ct);
        var body = await first.ReadJsonAsync();
        Assert.Equal(3, body.GetProperty("items").GetArrayLength());
        var cursor = body.Str("nextCursor");
        Assert.Matches("^[A-Za-z0-9_-]+$", cursor);
        var link = Assert.Single(first.Headers.GetValues("Link"));
        Assert.Matches("^<http://[^>]+/api/v1/links\\?[^>]*cursor=[^>]+>; rel=\"next\"$", link);
        Assert.Contains("tag=paged", link, StringComparison.Ordinal);
        Assert.Contains("limit=3", link, StringComparison.Ordinal);

        var seen = body.GetProperty("items").EnumerateArray().Select(i => i.Str("code")).ToList();
        var next = link[1..link.IndexOf('>', StringComparison.Ordinal)];
        while (true)
        {
            var page = await user.Client.GetAsync(next, Ct);
            var json = await page.ReadJsonAsync();
            seen.AddRange(json.GetProperty("items").EnumerateArray().Select(i => i.Str("code")));
            if (json.GetProperty("nextCursor").ValueKind == JsonValueKind.Null)
            {
                Assert.False(page.Headers.Contains("Link"));
                break;
            }

            var header = page.Headers.GetValues("Link").Single();
            next = header[1..header.IndexOf('>', StringComparison.Ordinal)];
        }

        codes.Reverse();
        Assert.Equal(codes, seen);
    }
}

public sealed class SqliteLinksApiTests(HopHost<Sqlite, FakeClock> host)
    : LinksApiTests(host), IClassFixture<HopHost<Sqlite, FakeClock>>;

public sealed class PostgresLinksApiTests(HopHost<Postgres, FakeClock> host)
    : LinksApiTests(host), IClassFixture<HopHost<Postgres, FakeClock>>;
