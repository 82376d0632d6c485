using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using KestrelServerOptions = Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Hop.Hosting;

internal static class ErrorHandling
{
    /// <summary>
    /// Every error body is RFC 9457 ProblemDetails: unknown routes (404), wrong methods (405, with Allow),
    /// bodies over the limit (413), unsupported media types (415), malformed JSON (400 naming the problem)
    /// and unhandled exceptions (500, without details).
    /// </summary>
    public static void AddErrorHandling(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = Describe);
        builder.Services.AddExceptionHandler<BadRequestHandler>();

        // Binding failures (malformed JSON, wrong media type, unparsable parameters) throw, so that
        // BadRequestHandler can say what was wrong instead of answering an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        builder.Services.AddOptions<ApiOptions>()
            .BindConfiguration(ApiOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((kestrel, api) =>
            kestrel.Limits.MaxRequestBodySize = api.Value.MaxBodyBytes);
    }

    /// <summary>Gives the framework's bare status responses (404, 405, 415) a detail that says why.</summary>
    private static void Describe(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        problem.Instance ??= http.Request.Path;
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status404NotFound => "Nothing is served at this address.",
            StatusCodes.Status405MethodNotAllowed =>
                $"{http.Request.Method} is not allowed here; the Allow header lists the methods that are.",
            StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType(http),
            _ => null,
        };
    }

    /// <summary>Routing answers 415 itself, from the media types the matching endpoints accept.</summary>
    private static string UnsupportedMediaType(HttpContext http) =>
        (http.Request.ContentType is { Length: > 0 } type
            ? $"The body's media type '{type}' is not supported here"
            : "The body has no media type")
        + "; the OpenAPI document (/openapi/v1.json) lists what each endpoint takes.";

    /// <summary>First in the pipeline: an exception anywhere becomes a ProblemDetails.</summary>
    public static void UseErrorHandling(this WebApplication app) => app.UseExceptionHandler();

    /// <summary>
    /// Bodies of status-only answers and the request body limit. After the redirect fast path, which
    /// writes its own pages and never reads a body.
    /// </summary>
    public static void UseRequestLimits(this WebApplication app)
    {
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimit>();
    }

    /// <summary>Lets the endpoint take bodies up to <c>Api:MaxBulkBodyBytes</c> (batch, import).</summary>
    public static TBuilder AcceptsLargeBody<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(LargeBodyMetadata.Instance);
}

internal sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest request body most endpoints accept.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest request body of endpoints that take many items at once (batch, import).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBulkBodyBytes { get; set; } = 32 * 1024 * 1024;
}

/// <summary>Marks an endpoint that takes bodies up to <see cref="ApiOptions.MaxBulkBodyBytes"/>.</summary>
internal sealed class LargeBodyMetadata
{
    public static readonly LargeBodyMetadata Instance = new();
}

/// <summary>
/// Answers 413 before anything reads the body when Content-Length is over the endpoint's limit, and
/// sets the server's own limit for bodies sent without a length.
/// </summary>
internal sealed class RequestBodyLimit(RequestDelegate next, IOptions<ApiOptions> options)
{
    public Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.ContentLength is null && !request.Headers.TransferEncoding.Any())
        {
            return next(http);
        }

        var large = http.GetEndpoint()?.Metadata.GetMetadata<LargeBodyMetadata>() is not null;
        var limit = large ? options.Value.MaxBulkBodyBytes : options.Value.MaxBodyBytes;
        if (request.ContentLength > limit)
        {
            return TooLargeAsync(http, limit);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        return next(http);
    }

    private static Task TooLargeAsync(HttpContext http, long limit)
    {
        // The unread body would otherwise be drained; closing is cheaper for a body this large.
        http.Response.Headers.Connection = "close";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Request body too large",
            detail: string.Create(CultureInfo.InvariantCulture, $"The request body is larger than the limit of {limit} bytes."))
            .ExecuteAsync(http);
    }
}

/// <summary>Turns binding failures into ProblemDetails with their own status and a reason.</summary>
internal sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        var problem = bad.InnerException is JsonException json ? MalformedJson(json) : new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = ReasonPhrases.GetReasonPhrase(bad.StatusCode),
            Detail = bad.Message,
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>Names the field (from the JSON path) and what is wrong with it.</summary>
    private static HttpValidationProblemDetails MalformedJson(JsonException json)
    {
        var field = json.Path is null or "$" ? "body" : json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path;
        var message = json.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var reason = message.Contains("could not be converted", StringComparison.Ordinal)
            ? $"{field} has the wrong type or format."
            : cut > 0 ? message[..cut] : message;
        var position = json.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {json.BytePositionInLine + 1})")
            : "";
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [reason] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Malformed JSON",
            Detail = $"The request body could not be read as JSON at {json.Path ?? "$"}{position}: {reason}",
        };
    }
}
