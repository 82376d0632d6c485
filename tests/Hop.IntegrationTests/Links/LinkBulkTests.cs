using System.Net;
using System.Text.Json;
using Hop.IntegrationTests.Infrastructure;
using Hop.Links;
using Microsoft.EntityFrameworkCore;

namespace Hop.IntegrationTests.Links;

/// <summary>Batch create, Idempotency-Key, CSV export and import; runs once per database provider.</summary>
public abstract class LinkBulkTests(HopHost host) : IAsyncLifetime
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

    private Task<int> CountAsync(string urlPrefix) => host.WithDbAsync(db =>
        db.Links.CountAsync(l => l.OwnerId == _user.Id && l.TargetUrl.StartsWith(urlPrefix), Ct));

    [Fact]
    public async Task A_batch_of_1000_with_10_bad_items_creates_990()
    {
        var prefix = $"https://example.com/batch-{Guid.NewGuid():N}/";
        var items = Enumerable.Range(0, 1000).Select(i => i % 100 == 7
            ? (i % 200 == 7 ? new { url = "javascript:alert(1)" } as object : new { url = prefix + i, alias = "x" })
            : new { url = prefix + i, title = $"item {i}" }).ToList();
        var response = await _client.PostRawAsync("/api/v1/links/batch", JsonSerializer.Serialize(new { items }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(990, body.GetProperty("created").GetInt32());
        Assert.Equal(10, body.GetProperty("failed").GetInt32());
        var results = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 1000), results.Select(r => r.GetProperty("index").GetInt32()));
        foreach (var result in results)
        {
            var index = result.GetProperty("index").GetInt32();
            if (index % 100 == 7)
            {
                Assert.Equal(400, result.GetProperty("status").GetInt32());
                Assert.True(result.IsAbsentOrNull("link"));
                var errors = result.GetProperty("problem").GetProperty("errors");
                Assert.True(errors.TryGetProperty(index % 200 == 7 ? "url" : "alias", out _));
            }
            else
            {
                Assert.Equal(201, result.GetProperty("status").GetInt32());
                Assert.Equal(prefix + index, result.GetProperty("link").Str("url"));
            }
        }

        var codes = results.Where(r => r.GetProperty("status").GetInt32() == 201).Select(r => r.GetProperty("link").Str("code")).ToList();
        Assert.Equal(990, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(990, await CountAsync(prefix));
        var sample = codes[123];
        Assert.Equal(HttpStatusCode.Found, (await _client.GetAsync($"/{sample}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Batch_reports_taken_and_repeated_aliases_per_item_and_refuses_more_than_1000()
    {
        var taken = "bt-" + Guid.NewGuid().ToString("N")[..8];
        var fresh = "bf-" + Guid.NewGuid().ToString("N")[..8];
        await _client.CreateCodeAsync(new { url = "https://example.com/first", alias = taken });
        var response = await _client.PostRawAsync("/api/v1/links/batch", JsonSerializer.Serialize(new
        {
            items = new object?[]
            {
                new { url = "https://example.com/b0", alias = taken },
                new { url = "https://example.com/b1", alias = fresh },
                new { url = "https://example.com/b2", alias = fresh },
                new { url = "https://example.com/b3" },
                null,
            },
        }));
        var results = (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(r => r.GetProperty("status").GetInt32());
        Assert.Equal([409, 201, 409, 201, 400], results);
        Assert.Equal("https://example.com/b1", (await _client.GetAsync($"/{fresh}", Ct)).Headers.Location?.OriginalString);

        var tooMany = JsonSerializer.Serialize(new { items = Enumerable.Range(0, 1001).Select(i => new { url = $"https://example.com/m{i}" }) });
        var refused = await _client.PostRawAsync("/api/v1/links/batch", tooMany);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.ReadJsonAsync()).GetProperty("errors").TryGetProperty("items", out _));
        Assert.Equal(0, await CountAsync("https://example.com/m"));
    }

    [Fact]
    public async Task Same_idempotency_key_twice_creates_one_link_and_replays_the_response_byte_for_byte()
    {
        var url = $"https://example.com/idem-{Guid.NewGuid():N}";
        var body = JsonSerializer.Serialize(new { url, title = "once" });
        var key = Guid.NewGuid().ToString();
        var first = await _client.PostRawAsync("/api/v1/links", body, key);
        var second = await _client.PostRawAsync("/api/v1/links", body, key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(first.Content.Headers.ContentType, second.Content.Headers.ContentType);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(Ct), await second.Content.ReadAsByteArrayAsync(Ct));
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await CountAsync(url));

        var different = await _client.PostRawAsync("/api/v1/links", JsonSerializer.Serialize(new { url, title = "twice" }), key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.StatusCode);
        Assert.Equal("application/problem+json", different.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await CountAsync(url));

        // Keys belong to their caller: another user's same key is a new request.
        var other = await host.CreateUserAsync();
        var theirs = await other.Client.PostRawAsync("/api/v1/links", body, key);
        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        Assert.NotEqual(first.Headers.Location, theirs.Headers.Location);

        var record = await host.WithDbAsync(db => db.IdempotencyRecords.AsNoTracking()
            .SingleAsync(r => r.Scope == _user.Id.ToString() && r.Key == key, Ct));
        Assert.Equal(201, record.StatusCode);
        Assert.Equal(first.Headers.Location?.OriginalString, record.Location);
    }

    [Fact]
    public async Task A_failed_validation_is_replayed_too_and_no_key_means_no_replay()
    {
        var key = Guid.NewGuid().ToString();
        var bad = """{"url":"ftp://example.com/x"}""";
        var first = await _client.PostRawAsync("/api/v1/links", bad, key);
        var second = await _client.PostRawAsync("/api/v1/links", bad, key);
        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await second.Content.ReadAsStringAsync(Ct));

        var url = $"https://example.com/nokey-{Guid.NewGuid():N}";
        await _client.PostRawAsync("/api/v1/links", JsonSerializer.Serialize(new { url }));
        await _client.PostRawAsync("/api/v1/links", JsonSerializer.Serialize(new { url }));
        Assert.Equal(2, await CountAsync(url));

        var tooLong = await _client.PostRawAsync("/api/v1/links", JsonSerializer.Serialize(new { url }), new string('k', 201));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(2, await CountAsync(url));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_create_one_link()
    {
        var url = $"https://example.com/idem-race-{Guid.NewGuid():N}";
        var body = JsonSerializer.Serialize(new { url });
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => _client.PostRawAsync("/api/v1/links", body, key)));
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Created);
        var bodies = await Task.WhenAll(responses.Where(r => r.StatusCode == HttpStatusCode.Created).Select(r => r.Content.ReadAsStringAsync(Ct)));
        Assert.Single(bodies.Distinct(StringComparer.Ordinal));
        Assert.Equal(1, await CountAsync(url));

        // Once the first has finished, every retry gets its answer.
        var retry = await _client.PostRawAsync("/api/v1/links", body, key);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(bodies[0], await retry.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Batch_with_an_idempotency_key_runs_once()
    {
        var prefix = $"https://example.com/idem-batch-{Guid.NewGuid():N}/";
        var body = JsonSerializer.Serialize(new { items = Enumerable.Range(0, 20).Select(i => new { url = prefix + i }) });
        var key = Guid.NewGuid().ToString();
        var first = await _client.PostRawAsync("/api/v1/links/batch", body, key);
        var second = await _client.PostRawAsync("/api/v1/links/batch", body, key);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(Ct), await second.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(20, await CountAsync(prefix));

        // The same key on another route is another request.
        var other = await _client.PostRawAsync("/api/v1/links", JsonSerializer.Serialize(new { url = prefix + "single" }), key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
    }

    [Fact]
    public async Task Import_then_export_round_trips_and_guards_against_formulas()
    {
        var user = await host.CreateUserAsync();
        var alias = "csv-" + Guid.NewGuid().ToString("N")[..8];
        var expires = host.Now.UtcDateTime.AddDays(10).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        var csv = string.Join("\r\n",
            "url,alias,title,tags,expiresAt",
            $"https://example.com/plain,{alias},Plain,a;b,{expires}",
            "https://example.com/quoted,,\"Comma, \"\"quotes\"\" and more\",,",
            "https://example.com/formula,,=HYPERLINK(\"http://evil.example\"),@tag,",
            "https://example.com/minus,,-1+2,,",
            "javascript:alert(1),,bad url,,",
            "https://example.com/bad-date,,,,tomorrow",
            "");
        var import = await user.Client.PostRawAsync("/api/v1/links/import", csv, contentType: "text/csv");
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var result = await import.ReadJsonAsync();
        Assert.Equal(4, result.GetProperty("created").GetInt32());
        Assert.Equal(
            [201, 201, 201, 201, 400, 400],
            result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetInt32()));
        Assert.True(result.GetProperty("items")[5].GetProperty("problem").GetProperty("errors").TryGetProperty("expiresAt", out _));

        var export = await user.Client.GetAsync("/api/v1/links/export", Ct);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var text = await export.Content.ReadAsStringAsync(Ct);
        Assert.Contains("'=HYPERLINK(\"\"http://evil.example\"\")", text, StringComparison.Ordinal);
        Assert.Contains(",'-1+2,", text, StringComparison.Ordinal);
        Assert.Contains(",'@tag,", text, StringComparison.Ordinal);

        var rows = CsvText.Parse(text).ToList();
        Assert.Equal(
            ["code", "url", "title", "tags", "expiresAt", "createdAt", "state", "domain", "rules", "variants", "preview_title", "preview_description", "preview_image"],
            rows[0]);
        Assert.All(rows.Skip(1), row => Assert.Equal("localhost", row[7]));
        Assert.All(rows.Skip(1), row => Assert.Equal(["", "", "", "", ""], row.Skip(8)));
        Assert.Equal(5, rows.Count);
        Assert.Equal([alias, "https://example.com/plain", "Plain", "a;b"], rows[1].Take(4));
        Assert.Equal(DateTime.Parse(expires, null, System.Globalization.DateTimeStyles.AdjustToUniversal), DateTime.Parse(rows[1][4], null, System.Globalization.DateTimeStyles.AdjustToUniversal));
        Assert.Equal("active", rows[1][6]);
        Assert.Equal("Comma, \"quotes\" and more", rows[2][2]);
        Assert.Equal("'=HYPERLINK(\"http://evil.example\")", rows[3][2]);

        // Importing the export elsewhere gives the same links back; the codes stay taken (409).
        var again = await (await _client.PostRawAsync("/api/v1/links/import", text, contentType: "text/csv")).ReadJsonAsync();
        var statuses = again.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetInt32()).ToList();
        Assert.Equal([409, 409, 409, 409], statuses);
        var withoutCodes = string.Join("\r\n", rows.Select(r => CsvText.Row(r.Skip(1)).TrimEnd()));
        var copied = await (await _client.PostRawAsync("/api/v1/links/import", withoutCodes, contentType: "text/csv")).ReadJsonAsync();
        Assert.Equal(4, copied.GetProperty("created").GetInt32());
        var titles = copied.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("link").GetProperty("title").GetString());
        Assert.Equal(["Plain", "Comma, \"quotes\" and more", "=HYPERLINK(\"http://evil.example\")", "-1+2"], titles);
    }

    [Fact]
    public async Task Import_refuses_other_media_types_and_files_without_a_url_column()
    {
        var wrongType = await _client.PostRawAsync("/api/v1/links/import", "url\nhttps://example.com/", contentType: "application/json");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        var noUrl = await _client.PostRawAsync("/api/v1/links/import", "title\nhello\n", contentType: "text/csv");
        Assert.Equal(HttpStatusCode.BadRequest, noUrl.StatusCode);
        Assert.True((await noUrl.ReadJsonAsync()).GetProperty("errors").TryGetProperty("url", out _));
    }
}

public sealed class SqliteLinkBulkTests(HopHost<Sqlite, Defaults> host)
    : LinkBulkTests(host), IClassFixture<HopHost<Sqlite, Defaults>>;

public sealed class PostgresLinkBulkTests(HopHost<Postgres, Defaults> host)
    : LinkBulkTests(host), IClassFixture<HopHost<Postgres, Defaults>>;
