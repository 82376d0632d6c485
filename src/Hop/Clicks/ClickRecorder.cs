using Hop.Clicks.Writing;
using Microsoft.Extensions.Options;

namespace Hop.Clicks;

/// <summary>
/// Where a click starts: turns a redirect into a <see cref="ClickEvent"/> and offers it to the
/// <see cref="ClickQueue"/>, which the <see cref="ClickPump"/> empties. Called on the hot path: reads a
/// few headers, allocates one event, never awaits.
/// </summary>
internal sealed class ClickRecorder(ClickQueue queue, TimeProvider time, IOptions<ClickOptions> options)
{
    private const int MaxHeaderLength = 1024;
    private readonly string? _countryHeader = options.Value.CountryHeader is { Length: > 0 } h ? h : null;

    public void Record(HttpContext http, long linkId, short route = ClickRoute.Target)
    {
        var request = http.Request;
        var headers = request.Headers;
        queue.Offer(new ClickEvent
        {
            LinkId = linkId,
            OccurredAt = time.GetUtcNow().UtcDateTime,
            Referrer = Clip(headers.Referer),
            UserAgent = Clip(headers.UserAgent),
            ClientIp = http.Connection.RemoteIpAddress?.ToString(),
            AcceptLanguage = Clip(headers.AcceptLanguage),
            Country = _countryHeader is null ? null : Clip(headers[_countryHeader]),
            IsHead = HttpMethods.IsHead(request.Method),
            IsPrefetch = IsPrefetch(headers),
            Route = route,
        });
    }

    /// <summary>Browsers mark speculative loads with Sec-Purpose (or the older Purpose / X-Moz / X-Purpose).</summary>
    internal static bool IsPrefetch(IHeaderDictionary headers) =>
        Contains(headers["Sec-Purpose"], "prefetch") || Contains(headers["Purpose"], "prefetch")
        || Contains(headers["X-Moz"], "prefetch") || Contains(headers["X-Purpose"], "preview");

    private static bool Contains(Microsoft.Extensions.Primitives.StringValues values, string token) =>
        values.Count > 0 && values.ToString().Contains(token, StringComparison.OrdinalIgnoreCase);

    private static string? Clip(Microsoft.Extensions.Primitives.StringValues values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var value = values.ToString();
        return value.Length == 0 ? null : value.Length > MaxHeaderLength ? value[..MaxHeaderLength] : value;
    }
}
