using Microsoft.AspNetCore.Http.HttpResults;

namespace Hop.Accounts;

/// <summary>The expected failures of the accounts API, as ProblemDetails results.</summary>
internal static class AccountProblems
{
    public static ProblemHttpResult NotFound() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "There is nothing here, or it is not yours.");

    public static ProblemHttpResult InvalidCredentials() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: "Invalid credentials",
        detail: "The username or password is wrong, or the account is disabled.");

    public static ProblemHttpResult InvalidRefreshToken() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: "Invalid refresh token",
        detail: "The refresh token is unknown, expired, revoked or already used; sign in again.",
        extensions: new Dictionary<string, object?> { ["field"] = "refreshToken" });

    public static ProblemHttpResult RegistrationClosed(RegistrationMode mode) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Registration needs an invite",
        detail: mode == RegistrationMode.Closed
            ? "Registration is closed; an administrator creates accounts."
            : "Registration is by invitation; ask an administrator for an invite link.",
        extensions: new Dictionary<string, object?> { ["field"] = "invite" });

    public static ProblemHttpResult InvalidInvite() => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid invite",
        detail: "The invite is unknown, expired or already used.",
        extensions: new Dictionary<string, object?> { ["field"] = "invite" });

    public static ProblemHttpResult Taken(string field) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: $"That {field} is taken",
        detail: $"Another account already uses this {field}.",
        extensions: new Dictionary<string, object?> { ["field"] = field });

    public static ProblemHttpResult Conflict(string title, string detail, string field) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: title, detail: detail,
        extensions: new Dictionary<string, object?> { ["field"] = field });

    public static ProblemHttpResult ScopeNotHeld(string scope) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Scope not held",
        detail: $"A key cannot grant '{scope}': the credential creating it does not hold that scope.",
        extensions: new Dictionary<string, object?> { ["field"] = "scopes" });

    public static ProblemHttpResult AntiforgeryMissing() => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Antiforgery token missing or invalid",
        detail: "A change made with the session cookie must carry the antiforgery token.");
}
