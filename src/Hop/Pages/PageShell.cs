using System.Text.Encodings.Web;
using Hop.Pages.Public;
using Hop.Security;

namespace Hop.Pages;

/// <summary>
/// The page of the account forms (sign-in, register) that are still minimal-API strings; every other
/// page is a Razor component (the visitor pages render through <see cref="PublicPages"/>). Goes once
/// the account pages are components.
/// </summary>
internal static class PageShell
{
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

    private static string Render(HttpContext http, string title, string body) => $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{Encode(title)} · Hop</title>
        <link rel="stylesheet" href="{PageAssets.Url(http, "css/hop.css")}">
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
