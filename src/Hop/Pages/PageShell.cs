using System.Text.Encodings.Web;
using Hop.Security;
using Microsoft.AspNetCore.Components;

namespace Hop.Pages;

/// <summary>
/// The one layout of every HTML page (sign-in, register, a link's info page, the password form, the
/// not-found and gone pages) and the one stylesheet they share, which the binary carries and serves
/// itself, so a page needs nothing from another host and no inline style or script.
/// </summary>
internal static class PageShell
{
    private static ResourceAssetCollection? _assets;

    /// <summary>Writes a page: <paramref name="body"/> is HTML whose every value was passed through <see cref="Encode"/>.</summary>
    public static Task WriteAsync(HttpContext http, int status, string title, string body)
    {
        var response = http.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        SecurityHeaders.ApplyBodyHeaders(response.Headers);
        return HttpMethods.IsHead(http.Request.Method) ? Task.CompletedTask : response.WriteAsync(Render(http, title, body));
    }

    /// <summary>A page as the result of an endpoint.</summary>
    public static IResult Page(string title, string body, int status = StatusCodes.Status200OK) => new PageResult(title, body, status);

    public static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    /// <summary>The fingerprinted address of a file under wwwroot (css/hop.css → /css/hop.{hash}.css), the
    /// same one the Razor pages link to.</summary>
    public static string Asset(HttpContext http, string path)
    {
        _assets ??= http.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<ResourceAssetCollection>()).FirstOrDefault(a => a is not null)
            ?? ResourceAssetCollection.Empty;
        return "/" + _assets[path];
    }

    private static string Render(HttpContext http, string title, string body) => $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{Encode(title)} · Hop</title>
        <link rel="stylesheet" href="{Asset(http, "css/hop.css")}">
        </head>
        <body>
        <main class="page narrow">
        <a class="brand" href="/">Hop</a>
        {body}
        </main>
        </body>
        </html>
        """;

    private sealed class PageResult(string title, string body, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, status, title, body);
    }
}
