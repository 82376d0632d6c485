using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Hop.Hosting;

/// <summary>
/// Describes the error responses an endpoint can give, from what the endpoint is: authorization (401/403),
/// a <c>{code}</c> route value (404), a body (400/413/415), rate limiting (429), <c>If-Match</c> (412),
/// <c>If-None-Match</c> (304) and <c>Idempotency-Key</c> (422). Responses an endpoint declares itself
/// (Results unions, ProducesProblem) are kept as they are.
/// </summary>
internal static class ErrorResponses
{
    private const string ProblemJson = "application/problem+json";

    public static async Task AddAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var parameters = description.ParameterDescriptions;
        operation.Responses ??= [];

        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            if (context.Document is { } document)
            {
                OpenApi.AddSecuritySchemes(document);
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApi.BearerScheme, document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApi.ApiKeyScheme, document)] = [] },
                ];
            }

            await AddProblemAsync(operation, context, StatusCodes.Status401Unauthorized,
                "No API key, or one that is malformed, unknown, revoked or expired.", ct);
            await AddProblemAsync(operation, context, StatusCodes.Status403Forbidden,
                "The API key does not grant the scope this needs.", ct);
        }

        if (parameters.Any(p => p.Source == BindingSource.Path && p.Name == "code"))
        {
            await AddProblemAsync(operation, context, StatusCodes.Status404NotFound,
                "No link has this code, or it belongs to someone else.", ct);
        }

        if (operation.RequestBody is not null || parameters.Any(p => p.Source == BindingSource.Body || p.Source == BindingSource.Form))
        {
            await AddProblemAsync(operation, context, StatusCodes.Status400BadRequest,
                "Invalid input: the body is not valid JSON, or fields are invalid (each one is listed).", ct, validation: true);
            await AddProblemAsync(operation, context, StatusCodes.Status413PayloadTooLarge,
                "The request body is larger than the limit.", ct);
            await AddProblemAsync(operation, context, StatusCodes.Status415UnsupportedMediaType,
                "The request body is not of a supported media type.", ct);
        }
        else if (parameters.Any(p => p.Source == BindingSource.Query))
        {
            await AddProblemAsync(operation, context, StatusCodes.Status400BadRequest,
                "Invalid query parameters (each one is listed).", ct, validation: true);
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            await AddProblemAsync(operation, context, StatusCodes.Status429TooManyRequests,
                "Too many requests; the Retry-After header says when to try again.", ct);
        }

        if (HasHeader(parameters, "If-Match"))
        {
            await AddProblemAsync(operation, context, StatusCodes.Status412PreconditionFailed,
                "If-Match does not match the link's current ETag.", ct);
        }

        if (HasHeader(parameters, "If-None-Match"))
        {
            operation.Responses.TryAdd("304", new OpenApiResponse { Description = "Not modified: If-None-Match matches the current ETag." });
        }

        if (HasHeader(parameters, "Idempotency-Key"))
        {
            await AddProblemAsync(operation, context, StatusCodes.Status422UnprocessableEntity,
                "The Idempotency-Key was used before with a different body.", ct);
        }
    }

    private static bool HasHeader(IList<Microsoft.AspNetCore.Mvc.ApiExplorer.ApiParameterDescription> parameters, string name) =>
        parameters.Any(p => p.Source == BindingSource.Header && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private static async Task AddProblemAsync(
        OpenApiOperation operation,
        OpenApiOperationTransformerContext context,
        int status,
        string description,
        CancellationToken ct,
        bool validation = false)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }

        var type = validation ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemJson] = new() { Schema = await SchemaAsync(context, type, ct) },
            },
        };
    }

    /// <summary>A reference to the type's schema among the document's components, added there once.</summary>
    private static async Task<IOpenApiSchema> SchemaAsync(OpenApiOperationTransformerContext context, Type type, CancellationToken ct)
    {
        if (context.Document is not { } document)
        {
            return await context.GetOrCreateSchemaAsync(type, null, ct);
        }

        if (document.Components?.Schemas?.ContainsKey(type.Name) != true)
        {
            document.AddComponent(type.Name, await context.GetOrCreateSchemaAsync(type, null, ct));
        }

        return new OpenApiSchemaReference(type.Name, document);
    }
}
