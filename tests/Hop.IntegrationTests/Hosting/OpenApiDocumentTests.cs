using System.Net;
using System.Text.Json;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Hop.IntegrationTests.Hosting;

/// <summary>The OpenAPI document lists every API route the app serves, and is valid OpenAPI 3.1.</summary>
public abstract class OpenApiDocumentTests(HopHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<string> DocumentAsync() => host.CreateClient().GetStringAsync("/openapi/v1.json", Ct);

    /// <summary>Every (method, pattern) of a route endpoint under /api, from the app's own routing table.</summary>
    private List<(string Method, string Path, bool Authorized)> ApiRoutes() =>
        [.. host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => (e.RoutePattern.RawText ?? "").StartsWith("/api", StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => (m.ToLowerInvariant(), DocumentPath(e.RoutePattern),
                    e.Metadata.GetMetadata<IAuthorizeData>() is not null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)))
            .Distinct()];

    /// <summary>How a route pattern appears among the document's paths: no constraints, defaults or trailing slash.</summary>
    private static string DocumentPath(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        })));
        return "/" + string.Join('/', segments);
    }

    [Fact]
    public async Task Every_api_route_is_in_the_document_with_a_summary_and_problem_responses()
    {
        var routes = ApiRoutes();
        Assert.Contains(("post", "/api/v1/links", true), routes);
        Assert.Contains(("get", "/api/v1/links/{code}/qr", true), routes);

        using var json = JsonDocument.Parse(await DocumentAsync());
        var paths = json.RootElement.GetProperty("paths");
        var missing = new List<string>();
        foreach (var (method, path, authorized) in routes)
        {
            if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method, out var operation))
            {
                missing.Add($"{method.ToUpperInvariant()} {path}");
                continue;
            }

            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{method} {path} has a summary");
            var responses = operation.GetProperty("responses").EnumerateObject().ToList();
            Assert.Contains(responses, r => r.Name.StartsWith('2'));
            var problems = responses.Where(r => r.Name[0] is '4' or '5').ToList();
            Assert.Contains(problems, r => r.Name[0] == '4');
            Assert.True(!authorized || problems.Any(r => r.Name == "401"), $"{method} {path} lists 401");
            Assert.All(problems, r => Assert.True(
                r.Value.GetProperty("content").TryGetProperty("application/problem+json", out _),
                $"{method} {path} {r.Name} is described as ProblemDetails"));
        }

        Assert.Empty(missing);
    }

    [Fact]
    public async Task The_document_is_valid_openapi_3_1()
    {
        var text = await DocumentAsync();
        using (var json = JsonDocument.Parse(text))
        {
            Assert.StartsWith("3.1.", json.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        }

        var (document, diagnostic) = OpenApiDocument.Parse(text, OpenApiConstants.Json);
        Assert.NotNull(document);
        Assert.NotNull(diagnostic);
        Assert.Empty(diagnostic.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
    }

    [Fact]
    public async Task The_document_describes_api_key_authentication()
    {
        using var json = JsonDocument.Parse(await DocumentAsync());
        var schemes = json.RootElement.GetProperty("components").GetProperty("securitySchemes");
        var bearer = schemes.GetProperty("Bearer");
        Assert.Equal("http", bearer.Str("type"));
        Assert.Equal("bearer", bearer.Str("scheme"));
        var apiKey = schemes.GetProperty("ApiKey");
        Assert.Equal("apiKey", apiKey.Str("type"));
        Assert.Equal("header", apiKey.Str("in"));
        Assert.Equal("X-Api-Key", apiKey.Str("name"));

        var create = json.RootElement.GetProperty("paths").GetProperty("/api/v1/links").GetProperty("post");
        var required = create.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["ApiKey", "Bearer"], required.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_interactive_reference_is_served_at_docs()
    {
        var client = host.CreateClient();
        var response = await client.GetAsync("/docs", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Hop API", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}

public sealed class SqliteOpenApiDocumentTests(HopHost<Sqlite, Defaults> host)
    : OpenApiDocumentTests(host), IClassFixture<HopHost<Sqlite, Defaults>>;

public sealed class PostgresOpenApiDocumentTests(HopHost<Postgres, Defaults> host)
    : OpenApiDocumentTests(host), IClassFixture<HopHost<Postgres, Defaults>>;
