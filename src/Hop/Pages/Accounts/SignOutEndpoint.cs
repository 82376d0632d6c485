using Hop.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Hop.Pages.Accounts;

/// <summary>
/// <c>POST /logout</c>, which the layout's Sign out button posts (a plain form with the antiforgery token
/// and no form name, so an endpoint rather than a page): the session ends and the person lands on the home page.
/// </summary>
internal static class SignOutEndpoint
{
    public static void MapSignOut(this WebApplication app) =>
        app.MapPost("/logout", SignOutAsync).AllowAnonymous().WithTags("Pages").ExcludeFromDescription();

    /// <summary>Binds a form only so that the antiforgery check runs: signing someone out is a state change too.</summary>
    private static async Task<IResult> SignOutAsync([FromForm] string? unused, HttpContext http)
    {
        _ = unused;
        await http.SignOutAsync(AccountsServices.CookieScheme);
        return Results.LocalRedirect("/");
    }
}
