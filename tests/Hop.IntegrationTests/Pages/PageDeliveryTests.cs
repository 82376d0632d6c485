using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Hop.IntegrationTests.Infrastructure;
using Hop.IntegrationTests.Links;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Hop.IntegrationTests.Pages;

/// <summary>
/// How pages leave the server: a browser's 404 is a page and an API client's is ProblemDetails; pages and
/// API answers are compressed and carry Server-Timing, redirects neither. Nothing here depends on the
/// database, so it runs on SQLite only.
/// </summary>
public sealed partial class PageDeliveryTests(HopHost<Sqlite, Defaults> host) : IClassFixture<HopHost<Sqlite, Defaults>>
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Visitor() => host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<HttpResponseMessage> GetAsync(string path, string? accept = null, string? encoding = null, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        if (encoding is not null)
        {
            request.Headers.AcceptEncoding.ParseAdd(encoding);
        }

        return await Visitor().SendAsync(request, Ct);
    }

    [Theory]
    [InlineData("/some/thing/else")]
    [InlineData("/dashboard/nothing/here")]
    public async Task A_browser_asking_for_an_unknown_address_gets_the_not_found_page(string path)
    {
        var response = await GetAsync(path, BrowserAccept);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<h1>Page not found</h1>", html, StringComparison.Ordinal);
        Assert.Matches("<link rel=\"stylesheet\" href=\"/css/hop\\.[a-z0-9]+\\.css\"", html);
        Assert.Contains("class=\"site-header\"", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", string.Join(' ', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/some/thing/else", "application/json")]
    [InlineData("/some/thing/else", null)]
    [InlineData("/api/v1/nothing/here", BrowserAccept)]
    [InlineData("/api/v1/nothing/here", "application/json")]
    public async Task An_api_client_keeps_getting_problem_details(string path, string? accept)
    {
        var response = await GetAsync(path, accept);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, (await response.ReadJsonAsync()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_browser_head_request_for_an_unknown_address_gets_the_headers_only()
    {
        var response = await GetAsync("/some/thing/else", BrowserAccept, method: HttpMethod.Head);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Pages_and_api_answers_are_compressed(string encoding)
    {
        var page = await GetAsync("/report", BrowserAccept, encoding);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal([encoding], page.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", page.Headers.Vary);
        Assert.Contains("<h1>Report a link</h1>", await DecompressAsync(page, encoding), StringComparison.Ordinal);

        var notFound = await GetAsync("/some/thing/else", BrowserAccept, encoding);
        Assert.Equal([encoding], notFound.Content.Headers.ContentEncoding);
        Assert.Contains("<h1>Page not found</h1>", await DecompressAsync(notFound, encoding), StringComparison.Ordinal);

        var user = await host.CreateUserAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/links");
        request.Headers.AcceptEncoding.ParseAdd(encoding);
        var api = await user.Client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal([encoding], api.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Redirects_and_static_files_are_neither_compressed_by_the_middleware_nor_timed()
    {
        var user = await host.CreateUserAsync();
        var code = await user.Client.CreateCodeAsync(new { url = "https://example.com/fast" });
        var redirect = await GetAsync($"/{code}", BrowserAccept, "br, gzip");
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.Empty(redirect.Content.Headers.ContentEncoding);
        Assert.False(redirect.Headers.Contains("Server-Timing"));
        Assert.DoesNotContain("Accept-Encoding", redirect.Headers.Vary);

        var login = await (await GetAsync("/report", BrowserAccept)).Content.ReadAsStringAsync(Ct);
        var css = await GetAsync(Stylesheet().Match(login).Groups[1].Value, "text/css", "br");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.False(css.Headers.Contains("Server-Timing"));
    }

    [Fact]
    public async Task Pages_and_api_answers_say_how_long_the_server_took()
    {
        var user = await host.CreateUserAsync();
        var code = await user.Client.CreateCodeAsync(new { url = "https://example.com/timed" });
        var answers = new[]
        {
            await GetAsync("/report", BrowserAccept),
            await GetAsync("/some/thing/else", BrowserAccept),
            await GetAsync($"/{code}+", BrowserAccept),
            await GetAsync("/zzzzzzz", BrowserAccept),
            await user.Client.GetAsync("/api/v1/links", Ct),
        };
        foreach (var answer in answers)
        {
            var timing = Assert.Single(answer.Headers.GetValues("Server-Timing"));
            Assert.Matches("^app;dur=[0-9]+\\.[0-9]$", timing);
        }
    }

    [Fact]
    public async Task The_antiforgery_field_differs_in_every_compressed_page_so_there_is_no_stable_secret_to_guess()
    {
        // BREACH recovers a secret repeated in every compressed response; the token is encrypted afresh each time.
        var browser = Visitor();
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 3; i++)
        {
            var html = await browser.GetStringAsync("/report", Ct);
            tokens.Add(Token().Match(html).Groups[1].Value);
        }

        Assert.Equal(3, tokens.Count);
    }

    private static async Task<string> DecompressAsync(HttpResponseMessage response, string encoding)
    {
        await using var body = await response.Content.ReadAsStreamAsync(Ct);
        await using Stream plain = encoding == "br" ? new BrotliStream(body, CompressionMode.Decompress) : new GZipStream(body, CompressionMode.Decompress);
        using var reader = new StreamReader(plain);
        return await reader.ReadToEndAsync(Ct);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("href=\"(/css/hop\\.[a-z0-9]+\\.css)\"")]
    private static partial Regex Stylesheet();
}
