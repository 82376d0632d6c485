using Microsoft.AspNetCore.Http.HttpResults;

namespace Hop.Accounts;

/// <summary>Registration and tokens for front ends: <c>/api/v1/auth/…</c>.</summary>
internal static class AuthApi
{
    public static void MapAuthApi(this WebApplication app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth").AllowAnonymous();
        auth.MapPost("/register", RegisterAsync).WithSummary("Create an account (needs an invite unless registration is open)")
            .RequireRateLimiting(RateLimits.LoginPolicy);
        auth.MapPost("/token", TokenAsync).WithSummary("Exchange username and password for an access and a refresh token")
            .RequireRateLimiting(RateLimits.LoginPolicy);
        auth.MapPost("/refresh", RefreshAsync).WithSummary("Exchange a refresh token for new tokens (the old one stops working)");
        auth.MapPost("/revoke", RevokeAsync).WithSummary("Revoke a refresh token and every token rotated from the same sign-in");
    }

    private static Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        RegisterRequest request, UserAccounts accounts, CancellationToken ct) =>
        accounts.RegisterAsync(request, ct);

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> TokenAsync(
        TokenRequest request, UserAccounts accounts, AccessTokens tokens, CancellationToken ct)
    {
        var user = await accounts.CheckPasswordAsync(request.Username, request.Password, ct);
        return user is null ? AccountProblems.InvalidCredentials() : TypedResults.Ok(await tokens.IssueAsync(user, ct));
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, AccessTokens tokens, CancellationToken ct) =>
        await tokens.RefreshAsync(request.RefreshToken, ct) is { } response
            ? TypedResults.Ok(response)
            : AccountProblems.InvalidRefreshToken();

    private static async Task<NoContent> RevokeAsync(RefreshRequest request, AccessTokens tokens, CancellationToken ct)
    {
        await tokens.RevokeAsync(request.RefreshToken, ct);
        return TypedResults.NoContent();
    }
}
