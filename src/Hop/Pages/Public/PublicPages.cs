using System.Diagnostics;
using Hop.Accounts;
using Hop.Hosting;
using Hop.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Hop.Pages.Public;

/// <summary>
/// Renders a Razor component as the whole answer to a request the router does not see: what the redirect
/// path answers instead of a redirect (404, 410, the password form, the interstitial, the info page, the
/// social preview), the status pages and refusals. Only those outcomes render; a redirect never gets here.
/// </summary>
internal static class PublicPages
{
    /// <summary>
    /// Writes <typeparamref name="TComponent"/> with <paramref name="status"/>: HTML, the security headers
    /// of a body, the Server-Timing of the work since <paramref name="startedAt"/>; headers only for HEAD.
    /// </summary>
    public static async Task RenderAsync<TComponent>(
        HttpContext http, int status, IReadOnlyDictionary<string, object?> parameters,
        long startedAt = 0, string cacheControl = "no-store", bool forPerson = true)
        where TComponent : IComponent
    {
        var response = http.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = cacheControl;
        SecurityHeaders.ApplyBodyHeaders(response.Headers);
        PageDelivery.TimeFrom(http, startedAt == 0 ? Stopwatch.GetTimestamp() : startedAt);
        if (HttpMethods.IsHead(http.Request.Method))
        {
            return;
        }

        if (forPerson)
        {
            await RecognizeSignedInAsync(http);
        }

        await new RazorComponentResult<TComponent>(parameters) { StatusCode = status, PreventStreamingRendering = true }.ExecuteAsync(http);
    }

    /// <summary>A short message page (<see cref="MessagePage"/>).</summary>
    public static Task WriteMessageAsync(HttpContext http, int status, string title, string detail, string? reportCode = null, long startedAt = 0) =>
        RenderAsync<MessagePage>(http, status, new Dictionary<string, object?>
        {
            [nameof(MessagePage.Title)] = title,
            [nameof(MessagePage.Detail)] = detail,
            [nameof(MessagePage.Status)] = status,
            [nameof(MessagePage.ReportCode)] = reportCode,
        }, startedAt);

    /// <summary>
    /// The redirect path runs before authentication, so a signed-in person would see the layout of a
    /// stranger on its pages; the session cookie is read here, for pages only, so the header is theirs.
    /// </summary>
    private static async Task RecognizeSignedInAsync(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            return;
        }

        var cookie = http.RequestServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(AccountsServices.CookieScheme).Cookie.Name;
        if (cookie is not null && http.Request.Cookies.ContainsKey(cookie)
            && await http.AuthenticateAsync(AccountsServices.CookieScheme) is { Succeeded: true, Principal: { } principal })
        {
            http.User = principal;
        }
    }
}
