using Hop.Accounts;
using Hop.Security;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Hop.Hosting;

/// <summary>The OpenAPI 3.1 document at <c>/openapi/v1.json</c> and the interactive reference at <c>/docs</c>.</summary>
internal static class OpenApi
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/{documentName}.json";
    public const string ReferencePath = "/docs";
    public const string BearerScheme = "Bearer";
    public const string ApiKeyScheme = "ApiKey";

    public static void AddHopOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Hop API",
                    Version = DocumentName,
                    Description = "Create, read and manage short links. Authenticate with an API key: "
                        + "`Authorization: Bearer hop_…` or `X-Api-Key: hop_…`. Every error is RFC 9457 ProblemDetails.",
                };
                AddSecuritySchemes(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(ErrorResponses.AddAsync);
        });
    }

    public static void MapHopOpenApi(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath);
        app.MapScalarApiReference(ReferencePath, (options, http) => options
            .WithNonce(SecurityHeaders.ApplyScriptNonce(http))
            .WithTitle("Hop API")
            .WithOpenApiRoutePattern(DocumentPath)
            .AddPreferredSecuritySchemes(BearerScheme));
    }

    internal static void AddSecuritySchemes(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "hop_…",
            Description = "An API key sent as `Authorization: Bearer hop_…`.",
        };
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthentication.HeaderName,
            Description = "The same API key sent as `X-Api-Key: hop_…`.",
        };
    }
}
