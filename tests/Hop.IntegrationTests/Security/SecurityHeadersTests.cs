using System.Net;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Hop.IntegrationTests.Security;

/// <summary>Every kind of answer carries the security headers it should: pages all of them, JSON nosniff, a redirect only HSTS, HSTS only over HTTPS.</summary>
public sealed class SecurityHeadersTests(HopHost<Sqlite, Defaults> host) : IClassFixture<HopHost<Sqlite, Defaults>>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_page_kind_and_every_problem_has_the_headers()
    {
        var user = await host.CreateUserAsync();
        var open = (await (await user.Client.CreateLinkAsync(new { url = "https://example.com/headers" })).ReadJsonAsync()).Str("code");
        var locked = (await (await user.Client.CreateLinkAsync(new { url = "https://example.com/locked", password = "s3cret-word" })).ReadJsonAsync()).Str("code");
        var gone = (await (await user.Client.CreateLinkAsync(new { url = "https://example.com/gone" })).ReadJsonAsync()).Str("code");
        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.DeleteAsync($"/api/v1/links/{gone}", Ct)).StatusCode);

        var visitor = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (string Path, HttpStatusCode Status)[] pages =
        [
            ("/login", HttpStatusCode.OK),
            ("/register", HttpStatusCode.OK),
            ($"/{open}+", HttpStatusCode.OK),
            ($"/{locked}", HttpStatusCode.OK),
            ("/zzzzzzz", HttpStatusCode.NotFound),
            ($"/{gone}", HttpStatusCode.Gone),
            ("/docs/", HttpStatusCode.OK),
        ];
        foreach (var (path, status) in pages)
        {
            using var response = await visitor.GetAsync(path, Ct);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            AssertPageHeaders(response, path);
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), $"{path}: HSTS over plain http");
        }

        // Status-code pages, errors and API answers: JSON, with the same headers.
        foreach (var (request, status) in new[]
                 {
                     (new HttpRequestMessage(HttpMethod.Get, "/api/v1/no-such-route"), HttpStatusCode.NotFound),
                     (new HttpRequestMessage(HttpMethod.Get, "/api/v1/links"), HttpStatusCode.Unauthorized),
                     (new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token") { Content = new StringContent("{nope", System.Text.Encoding.UTF8, "application/json") }, HttpStatusCode.BadRequest),
                 })
        {
            using var response = await visitor.SendAsync(request, Ct);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            AssertPageHeaders(response, request.RequestUri!.ToString());
        }

        using var list = await user.Client.GetAsync("/api/v1/links", Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal("nosniff", Single(list, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task A_redirect_carries_only_hsts_and_only_over_https()
    {
        var user = await host.CreateUserAsync();
        var code = (await (await user.Client.CreateLinkAsync(new { url = "https://example.com/hsts" })).ReadJsonAsync()).Str("code");

        var plain = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var overHttp = await plain.GetAsync($"/{code}", Ct);
        Assert.Equal(HttpStatusCode.Found, overHttp.StatusCode);
        Assert.False(overHttp.Headers.Contains("Strict-Transport-Security"));
        Assert.False(overHttp.Headers.Contains("Content-Security-Policy"));
        Assert.False(overHttp.Headers.Contains("Referrer-Policy"), "the linking page's policy governs the hop to the target");

        var secure = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        using var overHttps = await secure.GetAsync($"/{code}", Ct);
        Assert.Equal(HttpStatusCode.Found, overHttps.StatusCode);
        Assert.Equal("max-age=31536000", Single(overHttps, "Strict-Transport-Security"));
        Assert.False(overHttps.Headers.Contains("Content-Security-Policy"));

        using var page = await secure.GetAsync("/login", Ct);
        Assert.Equal("max-age=31536000", Single(page, "Strict-Transport-Security"));
        AssertPageHeaders(page, "/login");
        using var missing = await secure.GetAsync("/zzzzzzz", Ct);
        Assert.Equal("max-age=31536000", Single(missing, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task Hsts_follows_a_trusted_proxys_forwarded_proto_and_nobody_elses()
    {
        await using var own = await HopHost.StartAsync(Hop.Data.DatabaseProvider.Sqlite, new MetricsNetworks());
        foreach (var (peer, expected) in new[] { ("10.0.0.1", true), ("203.0.113.9", false) })
        {
            var address = System.Net.IPAddress.Parse(peer);
            using var client = new HttpClient(own.Server.CreateHandler(http => http.Connection.RemoteIpAddress = address)) { BaseAddress = own.Server.BaseAddress };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/login");
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "198.51.100.7");
            using var response = await client.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.Contains("Strict-Transport-Security") == expected, $"from {peer}");
        }
    }

    private static void AssertPageHeaders(HttpResponseMessage response, string what)
    {
        var csp = Single(response, "Content-Security-Policy");
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline' 'script", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        if (csp.Contains("script-src", StringComparison.Ordinal))
        {
            var scripts = csp.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal));
            Assert.DoesNotContain("unsafe-inline", scripts, StringComparison.Ordinal);
            // Either Hop's own files only, or (the API reference) those and scripts carrying this response's nonce.
            Assert.Matches(@"^\s*script-src 'self'( 'nonce-[A-Za-z0-9+/=]+')?\s*$", scripts);
        }

        Assert.True(Single(response, "X-Content-Type-Options") == "nosniff", what);
        Assert.True(Single(response, "X-Frame-Options") == "DENY", what);
        Assert.True(Single(response, "Referrer-Policy") == "strict-origin-when-cross-origin", what);
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values : response.Content.Headers.TryGetValues(header, out var content) ? content : []);
}
