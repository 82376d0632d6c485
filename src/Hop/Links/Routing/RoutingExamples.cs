using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Hop.Links.Routing;

/// <summary>Request examples for the OpenAPI document: a link with rules, a split and a preview, and a patch of them.</summary>
internal static class RoutingExamples
{
    private const string Create = """
        {
          "url": "https://example.com/launch",
          "rules": [
            { "conditions": { "device": ["mobile", "tablet"], "os": ["ios"] }, "url": "https://apps.apple.com/app/id1" },
            { "conditions": { "os": ["android"], "language": ["de", "fr-CH"], "country": ["DE", "AT", "CH"] },
              "url": "https://play.google.com/store/apps/details?id=example" },
            { "conditions": { "query": { "utm_source": "newsletter", "beta": null },
                              "after": "2026-12-01T00:00:00Z", "before": "2027-01-01T00:00:00Z" },
              "url": "https://example.com/beta" },
            { "conditions": { "ip": ["203.0.113.0/24", "2001:db8::/32"] }, "url": "https://intranet.example.com/" }
          ],
          "variants": [ { "url": "https://a.example.com/", "weight": 70 }, { "url": "https://b.example.com/", "weight": 30 } ],
          "preview": { "title": "Our launch", "description": "What is new", "image": "https://cdn.example.com/card.png" }
        }
        """;

    private const string Patch = """
        {
          "rules": [ { "conditions": { "os": ["ios"] }, "url": "https://apps.apple.com/app/id2" } ],
          "variants": null,
          "preview": { "title": "Launched", "image": null }
        }
        """;

    public static RouteHandlerBuilder WithCreateExample(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) => SetExample(operation, Create));

    public static RouteHandlerBuilder WithPatchExample(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) => SetExample(operation, Patch));

    private static Task SetExample(OpenApiOperation operation, string json)
    {
        foreach (var media in operation.RequestBody?.Content?.Values ?? [])
        {
            if (media is OpenApiMediaType writable)
            {
                writable.Example = JsonNode.Parse(json);
            }
        }

        return Task.CompletedTask;
    }
}
