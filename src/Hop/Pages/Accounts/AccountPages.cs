using Hop.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Hop.Pages.Accounts;

/// <summary>
/// The few server-rendered pages accounts need until the web UI exists: sign in, sign out, and register
/// with an invite or the first-run setup token. Every form carries an antiforgery token.
/// </summary>
internal static class AccountPages
{
    public static void MapAccountPages(this WebApplication app)
    {
        var pages = app.MapGroup("").WithTags("Pages").ExcludeFromDescription();
        pages.MapGet("/login", (HttpContext http, IAntiforgery antiforgery) => LoginPage(http, antiforgery, error: null)).AllowAnonymous();
        pages.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(RateLimits.LoginPolicy);
        pages.MapPost("/logout", LogoutAsync).AllowAnonymous();
        pages.MapGet("/register", RegisterPage).AllowAnonymous();
        pages.MapPost("/register", RegisterAsync).AllowAnonymous().RequireRateLimiting(RateLimits.LoginPolicy);
    }

    private static IResult LoginPage(HttpContext http, IAntiforgery antiforgery, string? error)
    {
        var token = antiforgery.GetAndStoreTokens(http);
        if (http.User.Identity?.AuthenticationType == AccountsServices.CookieScheme)
        {
            return PageShell.Page("Signed in", $"""
                <h1>Signed in</h1>
                <p>You are signed in as <b>{Encode(http.User.Identity.Name ?? "")}</b>.</p>
                <form method="post" action="/logout">{Hidden(token)}<button>Sign out</button></form>
                """);
        }

        return PageShell.Page("Sign in", $"""
            <h1>Sign in</h1>
            {(error is null ? "" : $"<p role=\"alert\">{Encode(error)}</p>")}
            <form method="post" action="/login">{Hidden(token)}
              <p><label>Username or email<br><input name="username" autocomplete="username" required></label></p>
              <p><label>Password<br><input name="password" type="password" autocomplete="current-password" required></label></p>
              <p><button>Sign in</button></p>
            </form>
            """, error is null ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized);
    }

    private static async Task<IResult> LoginAsync(
        [FromForm] string? username, [FromForm] string? password, [FromQuery] string? returnUrl,
        HttpContext http, UserAccounts accounts, IAntiforgery antiforgery)
    {
        var user = await accounts.CheckPasswordAsync(username, password, http.RequestAborted);
        if (user is null)
        {
            return LoginPage(http, antiforgery, "The username or password is wrong, or the account is disabled.");
        }

        await http.SignInAsync(AccountsServices.CookieScheme, Caller.SessionPrincipal(user, AccountsServices.CookieScheme));
        return Results.LocalRedirect(returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/login");
    }

    /// <summary>Binds a form only so that the antiforgery check runs: signing someone out is a state change too.</summary>
    private static async Task<IResult> LogoutAsync([FromForm] string? unused, HttpContext http)
    {
        _ = unused;
        await http.SignOutAsync(AccountsServices.CookieScheme);
        return Results.LocalRedirect("/login");
    }

    private static IResult RegisterPage(HttpContext http, IAntiforgery antiforgery, IOptions<AccountOptions> options, string? invite)
    {
        var token = antiforgery.GetAndStoreTokens(http);
        return PageShell.Page("Create an account", $"""
            <h1>Create an account</h1>
            <form method="post" action="/register">{Hidden(token)}
              <input type="hidden" name="invite" value="{Encode(invite ?? "")}">
              <p><label>Username (3–32 of a-z 0-9 _ . -)<br><input name="username" autocomplete="username" required></label></p>
              <p><label>Email<br><input name="email" type="email" autocomplete="email" required></label></p>
              <p><label>Password (at least {options.Value.MinPasswordLength} characters)<br>
                 <input name="password" type="password" autocomplete="new-password" required></label></p>
              <p><button>Create account</button></p>
            </form>
            """);
    }

    private static async Task<IResult> RegisterAsync(
        [FromForm] string? username, [FromForm] string? email, [FromForm] string? password, [FromForm] string? invite,
        HttpContext http, UserAccounts accounts)
    {
        var result = await accounts.RegisterAsync(
            new RegisterRequest { Username = username, Email = email, Password = password, Invite = invite }, http.RequestAborted);
        if (result.Result is not Microsoft.AspNetCore.Http.HttpResults.Created<UserResponse>)
        {
            return result.Result;
        }

        return Results.LocalRedirect("/login");
    }

    private static string Hidden(AntiforgeryTokenSet token) =>
        $"<input type=\"hidden\" name=\"{Encode(token.FormFieldName)}\" value=\"{Encode(token.RequestToken ?? "")}\">";

    private static string Encode(string text) => PageShell.Encode(text);
}
