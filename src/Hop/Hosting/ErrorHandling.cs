using Hop.Pages.Public;
using Hop.Security;
using Microsoft.Extensions.Options;
using KestrelServerOptions = Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions;

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

    /// <summary>Gives the framework's bare status responses (404, 405, 415) a detail that says why, and every problem the security headers.</summary>
    private static void Describe(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        // After an exception the handler clears the response's headers, this one's among them.
        SecurityHeaders.ApplyTo(http);
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
        var problems = new StatusCodePagesOptions().HandleAsync;
        app.UseStatusCodePages(new StatusCodePagesOptions
        {
            HandleAsync = context => PageFor(context.HttpContext) is { } page
                ? PublicPages.WriteMessageAsync(context.HttpContext, context.HttpContext.Response.StatusCode, page.Title, page.Detail)
                : problems(context),
        });
        app.UseMiddleware<RequestBodyLimit>();
    }

    /// <summary>
    /// The page a person's browser gets for a bare 404, 403 or 401 outside <c>/api</c>, in the layout of
    /// every other page; an API client (no text/html in Accept, or a path under /api) keeps its ProblemDetails.
    /// </summary>
    private static (string Title, string Detail)? PageFor(HttpContext http)
    {
        var request = http.Request;
        if (request.Path.StartsWithSegments("/api")
            || !request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => ("Page not found", "Hop has no page at this address. Check it for typing mistakes, or start again from the start page."),
            StatusCodes.Status403Forbidden => ("Not allowed", "Your account may not open this page. An administrator can give you the rights it needs."),
            StatusCodes.Status401Unauthorized => ("Sign in first", "This page is only for signed-in people."),
            _ => null,
        };
    }

    /// <summary>Describes each of <paramref name="statuses"/> as a ProblemDetails answer of the endpoint.</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder endpoint, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            endpoint.ProducesProblem(status);
        }

        return endpoint;
    }

    /// <summary>Lets the endpoint take bodies up to <c>Api:MaxBulkBodyBytes</c> (batch, import).</summary>
    public static TBuilder AcceptsLargeBody<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(LargeBodyMetadata.Instance);
}
