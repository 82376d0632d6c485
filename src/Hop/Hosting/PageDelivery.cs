using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Hop.Hosting;

/// <summary>
/// How pages and API answers leave the server: compressed (Brotli, else gzip, at the fastest level) and
/// timed (<c>Server-Timing: app;dur=…</c>, the milliseconds from the request reaching this point to the
/// response starting). Both sit after the redirect fast path, which answers before them and so is never
/// compressed, timed or slowed; static assets come precompressed from MapStaticAssets and pass untouched.
/// </summary>
internal static class PageDelivery
{
    /// <summary>What is worth compressing: HTML, JSON and CSV. CSS, JS and SVG are precompressed at build.</summary>
    private static readonly string[] Compressed = ["text/html", "application/json", "application/problem+json", "text/csv"];

    public static void AddPageDelivery(this WebApplicationBuilder builder)
    {
        // Over HTTPS too: BREACH needs a secret that is the same in every response and a reflected guess
        // beside it. Hop's pages hold no such secret: the antiforgery field is encrypted afresh with a random
        // IV for every response (Data Protection), and the session cookie never appears in a body.
        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = Compressed;
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
    }

    /// <summary>After <c>UseRedirectFastPath</c>: everything else (pages, API, status pages) is timed and compressed.</summary>
    public static void UsePageDelivery(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            TimeFrom(http, Stopwatch.GetTimestamp());
            return next(http);
        });
        app.UseResponseCompression();
    }

    /// <summary>
    /// Adds Server-Timing when the response starts, unless it is a redirect or a file: the time of a page
    /// or an API answer. The redirect path's pages call this themselves, from the start of their own work.
    /// </summary>
    public static void TimeFrom(HttpContext http, long startedAt) =>
        http.Response.OnStarting(static state =>
        {
            var (http, startedAt) = ((HttpContext, long))state;
            var response = http.Response;
            if (response.StatusCode is < 300 or >= 400 && IsTimed(response.ContentType))
            {
                var ms = Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds;
                response.Headers["Server-Timing"] = string.Create(CultureInfo.InvariantCulture, $"app;dur={ms:0.0}");
            }

            return Task.CompletedTask;
        }, (http, startedAt));

    private static bool IsTimed(string? contentType) =>
        contentType is not null && Compressed.Any(type => contentType.StartsWith(type, StringComparison.OrdinalIgnoreCase));
}
