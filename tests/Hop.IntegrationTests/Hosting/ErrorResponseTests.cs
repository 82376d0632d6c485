using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hop.IntegrationTests.Hosting;

/// <summary>Every 4xx is RFC 9457 ProblemDetails, and bad input never reaches a 500.</summary>
public abstract class ErrorResponseTests(HopHost host) : IAsyncLifetime
{
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync() => _client = (await host.CreateUserAsync()).Client;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.Str("title")));
        return problem;
    }

    [Theory]
    [InlineData("/api/v1/unknown")]
    [InlineData("/api/v1/links/abc/unknown")]
    [InlineData("/api/v1/links/abc/qr/deeper/still")]
    [InlineData("/api/v2/links")]
    [InlineData("/a/b")]
    public async Task Unknown_routes_are_404_problems(string path)
    {
        var problem = await AssertProblemAsync(await _client.GetAsync(path, Ct), HttpStatusCode.NotFound);
        Assert.Equal(path, problem.Str("instance"));
    }

    [Theory]
    [InlineData("PUT", "/api/v1/links/abc", "GET")]
    [InlineData("DELETE", "/api/v1/links", "POST")]
    [InlineData("PUT", "/api/v1/links/abc/qr", "GET")]
    [InlineData("DELETE", "/abc", "GET")]
    public async Task A_known_route_with_the_wrong_method_is_a_405_problem_with_allow(string method, string path, string allowed)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);
        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains(allowed, response.Content.Headers.Allow);
        Assert.DoesNotContain(method, response.Content.Headers.Allow);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem_and_nothing_is_created()
    {
        var marker = $"https://example.com/too-large/{Guid.NewGuid():N}";
        var json = JsonSerializer.Serialize(new { url = marker, title = new string('x', 1024 * 1024) });
        var response = await _client.PostAsync("/api/v1/links", new StringContent(json, Encoding.UTF8, "application/json"), Ct);
        var problem = await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1048576", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(0, await host.WithDbAsync(db => db.Links.CountAsync(l => l.TargetUrl == marker, Ct)));
    }

    [Fact]
    public async Task A_body_just_under_the_limit_is_read()
    {
        var json = JsonSerializer.Serialize(new { url = "https://example.com/big", title = new string('x', 1000 * 1000) });
        var response = await _client.PostAsync("/api/v1/links", new StringContent(json, Encoding.UTF8, "application/json"), Ct);
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task An_unsupported_media_type_is_a_415_problem(string mediaType)
    {
        var content = new StringContent("{\"url\":\"https://example.com/\"}", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        var problem = await AssertProblemAsync(await _client.PostAsync("/api/v1/links", content, Ct), HttpStatusCode.UnsupportedMediaType);
        Assert.Contains(mediaType, problem.Str("detail"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"url\": ", "url")]
    [InlineData("{", "body")]
    [InlineData("{\"url\": \"https://example.com/\",}", "body")]
    [InlineData("not json", "body")]
    [InlineData("{\"url\": 5}", "url")]
    [InlineData("{\"url\": \"https://example.com/\", \"expiresAt\": \"tomorrow\"}", "expiresAt")]
    [InlineData("{\"url\": [\"https://example.com/\"]}", "url")]
    public async Task Malformed_json_is_a_400_problem_naming_the_problem(string body, string field)
    {
        var response = await _client.PostAsync("/api/v1/links", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("Malformed JSON", problem.Str("title"));
        Assert.Contains("JSON", problem.Str("detail"), StringComparison.Ordinal);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var reasons), $"errors names {field}: {errors}");
        Assert.False(string.IsNullOrWhiteSpace(reasons[0].GetString()));
    }

    [Fact]
    public async Task An_empty_body_is_a_400_problem()
    {
        var response = await _client.PostAsync("/api/v1/links", new StringContent("", Encoding.UTF8, "application/json"), Ct);
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("body", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_authentication_is_a_401_problem()
    {
        var anonymous = host.CreateClient();
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/links/abc/qr", Ct), HttpStatusCode.Unauthorized);
    }
}

public sealed class SqliteErrorResponseTests(HopHost<Sqlite, Defaults> host)
    : ErrorResponseTests(host), IClassFixture<HopHost<Sqlite, Defaults>>;

public sealed class PostgresErrorResponseTests(HopHost<Postgres, Defaults> host)
    : ErrorResponseTests(host), IClassFixture<HopHost<Postgres, Defaults>>;
