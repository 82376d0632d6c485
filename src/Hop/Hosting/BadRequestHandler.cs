using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Hop.Hosting;

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
