using System.Net;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Hop.IntegrationTests.Pages;

/// <summary>Every HTML page is the one layout with the one stylesheet, served by the binary, and no inline style.</summary>
public abstract class PageShellTests(HopHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_stylesheet_is_fingerprinted_and_kept_by_browsers()
    {
        var client = host.CreateClient();
        var page = await client.GetStringAsync("/login", Ct);
        var path = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/css/hop\\.[a-z0-9]+\\.css)\"").Groups[1].Value;
        Assert.NotEmpty(path);
        var response = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Contains(".page", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_uses_the_one_layout()
    {
        var user = await host.CreateUserAsync();
        var open = (await (await user.Client.CreateLinkAsync(new { url = "https://example.com/shell", title = "Shell" })).ReadJsonAsync()).Str("code");
        var locked = (await (await user.Client.CreateLinkAsync(new { url = "https://example.com/locked", password = "s3cret-word" })).ReadJsonAsync()).Str("code");
        var gone = (await (await user.Client.CreateLinkAsync(new { url = "https://example.com/gone" })).ReadJsonAsync()).Str("code");
        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.DeleteAsync($"/api/v1/links/{gone}", Ct)).StatusCode);

        var visitor = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (string Path, HttpStatusCode Status, string Heading)[] pages =
        [
            ("/login", HttpStatusCode.OK, "Sign in"),
            ("/register", HttpStatusCode.OK, "Create an account"),
            ($"/{open}+", HttpStatusCode.OK, "Where this link leads"),
            ($"/{locked}", HttpStatusCode.OK, "This link is password-protected"),
            ("/zzzzzzz", HttpStatusCode.NotFound, "Link not found"),
            ($"/{gone}", HttpStatusCode.Gone, "Link gone"),
            ("/report", HttpStatusCode.OK, "Report a link"),
            ("/some/thing/else", HttpStatusCode.NotFound, "Page not found"),
        ];
        foreach (var (path, status, heading) in pages)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.ParseAdd("text/html");
            var response = await visitor.SendAsync(request, Ct);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.StartsWith("<!doctype html>", html, StringComparison.OrdinalIgnoreCase);
            Assert.Matches("<link rel=\"stylesheet\" href=\"/css/hop\\.[a-z0-9]+\\.css\"", html);
            Assert.Contains($"<h1>{heading}</h1>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
            // Scripts only from Hop's own files, never inline.
            Assert.DoesNotMatch("<script(?![^>]*\\ssrc=\"/js/)", html);
        }
    }
}

public sealed class SqlitePageShellTests(HopHost<Sqlite, Defaults> host)
    : PageShellTests(host), IClassFixture<HopHost<Sqlite, Defaults>>;

public sealed class PostgresPageShellTests(HopHost<Postgres, Defaults> host)
    : PageShellTests(host), IClassFixture<HopHost<Postgres, Defaults>>;
