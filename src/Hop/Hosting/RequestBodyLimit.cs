using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Hop.Hosting;

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
