using System.Net;
using System.Xml.Linq;
using Hop.Accounts;
using Hop.IntegrationTests.Infrastructure;

namespace Hop.IntegrationTests.Links;

/// <summary><c>GET /api/v1/links/{code}/qr</c> for the link's owner only.</summary>
public abstract class QrCodeTests(HopHost host) : IAsyncLifetime
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private HttpClient _client = null!;
    private string _code = null!;

    public async ValueTask InitializeAsync()
    {
        _client = (await host.CreateUserAsync()).Client;
        _code = (await (await _client.CreateLinkAsync(new { url = "https://example.com/qr" })).ReadJsonAsync()).Str("code");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("")]
    [InlineData("?format=png")]
    [InlineData("?format=PNG&size=512")]
    public async Task Png_is_a_png_image(string query)
    {
        var response = await _client.GetAsync($"/api/v1/links/{_code}/qr{query}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(PngSignature, bytes[..8]);
        var width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
        var requested = query.Contains("512", StringComparison.Ordinal) ? 512 : 256;
        Assert.InRange(width, requested / 2, requested);
    }

    [Fact]
    public async Task Svg_is_an_svg_document_of_the_requested_size()
    {
        var response = await _client.GetAsync($"/api/v1/links/{_code}/qr?format=svg&size=300", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).Root!;
        Assert.Equal("svg", svg.Name.LocalName);
        Assert.Equal("300", svg.Attribute("width")?.Value);
    }

    [Theory]
    [InlineData("?size=63", new[] { "size" })]
    [InlineData("?size=2049", new[] { "size" })]
    [InlineData("?size=abc", new[] { "size" })]
    [InlineData("?format=gif", new[] { "format" })]
    [InlineData("?format=jpeg&size=0", new[] { "format", "size" })]
    public async Task Bad_parameters_are_a_400_naming_each_one(string query, string[] fields)
    {
        var response = await _client.GetAsync($"/api/v1/links/{_code}/qr{query}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Equal(fields, errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Another_users_link_is_a_404_like_a_missing_one()
    {
        var other = await host.CreateUserAsync();
        var theirs = await other.Client.GetAsync($"/api/v1/links/{_code}/qr", Ct);
        var missing = await other.Client.GetAsync("/api/v1/links/zzzzzzz/qr", Ct);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", theirs.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            (await missing.ReadJsonAsync()).Str("title"),
            (await theirs.ReadJsonAsync()).Str("title"));

        var admin = await host.CreateUserAsync(Roles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync($"/api/v1/links/{_code}/qr", Ct)).StatusCode);
    }

    [Fact]
    public async Task It_needs_the_links_read_scope()
    {
        var writeOnly = await host.CreateUserAsync(Roles.User, Scopes.LinksWrite);
        var code = (await (await writeOnly.Client.CreateLinkAsync(new { url = "https://example.com/w" })).ReadJsonAsync()).Str("code");
        var response = await writeOnly.Client.GetAsync($"/api/v1/links/{code}/qr", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class SqliteQrCodeTests(HopHost<Sqlite, Defaults> host)
    : QrCodeTests(host), IClassFixture<HopHost<Sqlite, Defaults>>;

public sealed class PostgresQrCodeTests(HopHost<Postgres, Defaults> host)
    : QrCodeTests(host), IClassFixture<HopHost<Postgres, Defaults>>;
