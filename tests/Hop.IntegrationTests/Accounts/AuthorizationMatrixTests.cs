using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hop.IntegrationTests.Accounts;

/// <summary>
/// Generated from the OpenAPI document (/openapi/v1.json, which a test of its own holds complete
/// against the route table): user B, with a valid key holding every
/// scope a user can have, calls every route whose pattern takes a {code} or an {id}, naming user A's
/// object, and must get 404 with none of A's data, and A's objects must be untouched afterwards.
/// The public redirect route /{code} (and /{code}+) is left out: following anyone's link is its purpose.
/// </summary>
public abstract partial class AuthorizationMatrixTests(HopHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Routes that exist in this branch; the matrix must reach at least these.</summary>
    private static readonly string[] KnownRoutes =
    [
        "/api/v1/links/{code}", "/api/v1/links/{code}/qr", "/api/v1/links/{code}/stats",
        "/api/v1/links/{code}/stats/live", "/api/v1/keys/{id}", "/api/v1/admin/users/{id}/disable",
        "/api/v1/admin/users/{id}/enable", "/api/v1/admin/keys/{id}",
    ];

    [GeneratedRegex(@"\{\*?\*?(?<name>[A-Za-z_]+)(?<rest>[^}]*)\}")]
    private static partial Regex Parameter();

    [Fact]
    public async Task Every_route_with_a_code_or_id_answers_404_for_another_users_object()
    {
        var a = await host.CreateUserAsync();
        var b = await host.CreateUserAsync();
        var targetUrl = $"https://example.com/private-{Guid.NewGuid():N}";
        var created = await a.Client.CreateLinkAsync(new { url = targetUrl, title = "A's secret title" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = (await created.ReadJsonAsync()).Str("code");
        var (linkId, keyId, keyPrefix) = await host.WithDbAsync(async db => (
            await db.Links.Where(l => l.Code == code).Select(l => l.Id).SingleAsync(Ct),
            await db.ApiKeys.Where(k => k.UserId == a.Id).Select(k => k.Id).SingleAsync(Ct),
            await db.ApiKeys.Where(k => k.UserId == a.Id).Select(k => k.Prefix).SingleAsync(Ct)));
        string[] secrets = [targetUrl, "A's secret title", a.Username, keyPrefix, a.ApiKey];

        var document = await b.Client.GetAsync("/openapi/v1.json", Ct);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        var operations = (await document.ReadJsonAsync()).GetProperty("paths").EnumerateObject()
            .Where(path => Parameter().Matches(path.Name).Any(m => m.Groups["name"].Value is "code" or "id"))
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(op => op.Name is "get" or "post" or "put" or "patch" or "delete")
                .Select(op => (Pattern: path.Name, Method: op.Name.ToUpperInvariant(), Operation: op.Value)))
            .ToList();
        var called = new List<string>();
        var failures = new List<string>();
        foreach (var (pattern, method, operation) in operations)
        {
            var path = Parameter().Replace(pattern, m => m.Groups["name"].Value switch
            {
                "code" => code,
                "id" when pattern.Contains("/keys", StringComparison.Ordinal) => keyId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "id" when pattern.Contains("/users", StringComparison.Ordinal) => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "id" => linkId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                var other => throw new InvalidOperationException($"The matrix does not know what to put in {{{other}}} of {pattern}; teach it."),
            });
            var contentType = operation.TryGetProperty("requestBody", out var requestBody)
                ? requestBody.GetProperty("content").EnumerateObject().First().Name
                : "application/json";
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = new StringContent("""{"url":"https://example.org/b","title":"B was here","tags":["b"]}""", Encoding.UTF8, contentType);
            }

            var response = await b.Client.SendAsync(request, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            called.Add(pattern);
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                failures.Add($"{method} {pattern}: {(int)response.StatusCode} {body}");
            }
            else if (secrets.FirstOrDefault(s => body.Contains(s, StringComparison.OrdinalIgnoreCase)) is { } leaked)
            {
                failures.Add($"{method} {pattern}: 404 body leaks '{leaked}'");
            }
        }

        Assert.Empty(failures);
        Assert.Empty(KnownRoutes.Except(called));

        // Nothing B did reached A's objects.
        var read = await a.Client.GetAsync($"/api/v1/links/{code}", Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var link = await read.ReadJsonAsync();
        Assert.Equal(targetUrl, link.Str("url"));
        Assert.Equal("active", link.Str("state"));
        Assert.Equal(HttpStatusCode.OK, (await a.Client.GetAsync("/api/v1/keys", Ct)).StatusCode);
        Assert.True(await host.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == a.Id && u.DisabledAt == null, Ct)));
        Assert.True(await host.WithDbAsync(db => db.ApiKeys.AnyAsync(k => k.Id == keyId && k.RevokedAt == null, Ct)));
    }
}

public sealed class SqliteAuthorizationMatrixTests(HopHost<Sqlite, Defaults> host)
    : AuthorizationMatrixTests(host), IClassFixture<HopHost<Sqlite, Defaults>>;

public sealed class PostgresAuthorizationMatrixTests(HopHost<Postgres, Defaults> host)
    : AuthorizationMatrixTests(host), IClassFixture<HopHost<Postgres, Defaults>>;
