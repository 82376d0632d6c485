using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Hop.Security;

namespace Hop.Pages;

/// <summary>
/// The one layout of every HTML page (sign-in, register, a link's info page, the password form, the
/// not-found and gone pages) and the one stylesheet they share, which the binary carries and serves
/// itself, so a page needs nothing from another host and no inline style or script.
/// </summary>
internal static class PageShell
{
    public const string StylesheetPath = "/static/hop.css";
    private const string StylesheetResource = "Hop.Pages.hop.css";

    private static readonly byte[] Stylesheet = ReadStylesheet();

    /// <summary>Changes with the stylesheet's content, so that browsers may keep each version for good.</summary>
    private static readonly string StylesheetVersion = Convert.ToHexStringLower(SHA256.HashData(Stylesheet))[..12];

    public static void MapPageShell(this WebApplication app) =>
        app.MapGet(StylesheetPath, (HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                return TypedResults.Bytes(Stylesheet, "text/css; charset=utf-8");
            })
            .ExcludeFromDescription();

    /// <summary>Writes a page: <paramref name="body"/> is HTML whose every value was passed through <see cref="Encode"/>.</summary>
    public static Task WriteAsync(HttpContext http, int status, string title, string body)
    {
        var response = http.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        SecurityHeaders.ApplyBodyHeaders(response.Headers);
        return HttpMethods.IsHead(http.Request.Method) ? Task.CompletedTask : response.WriteAsync(Render(title, body));
    }

    /// <summary>A page as the result of an endpoint.</summary>
    public static IResult Page(string title, string body, int status = StatusCodes.Status200OK) => new PageResult(title, body, status);

    public static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    private static string Render(string title, string body) => $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{Encode(title)} · Hop</title>
        <link rel="stylesheet" href="{StylesheetPath}?v={StylesheetVersion}">
        </head>
        <body>
        <main class="page">
        <p class="brand">Hop</p>
        {body}
        </main>
        </body>
        </html>
        """;

    private static byte[] ReadStylesheet()
    {
        using var stream = typeof(PageShell).Assembly.GetManifestResourceStream(StylesheetResource)
            ?? throw new InvalidOperationException($"The stylesheet {StylesheetResource} is not embedded in the binary.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed class PageResult(string title, string body, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, status, title, body);
    }
}
