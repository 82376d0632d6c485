using Hop.Redirects;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using LinkOptions = Hop.Links.LinkOptions;
using Hop.Hosting;

namespace Hop.Accounts;

/// <summary>The caller's own account: <c>/api/v1/me</c>, to take all of one's data along or delete it.</summary>
internal static class MeApi
{
    public static void MapMeApi(this WebApplication app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Account").RequireAuthorization();
        me.MapGet("/export", ExportAsync).WithMetadata(HeavyRequest.Instance).RequireAuthorization(Scopes.LinksRead, Scopes.StatsRead)
            .WithSummary("Everything Hop keeps of you as one JSON document: profile, links with their visits, API keys and sessions (never a secret)");
        // A read-only key cannot delete its account, and a stolen session cannot without the password.
        me.MapDelete("/", DeleteAsync).RequireAuthorization(Scopes.LinksWrite).RequireRateLimiting(RateLimits.LoginPolicy)
            .WithSummary("Delete your account and everything it owns; your short links answer 410 from then on");
        // Like deleting: not with a read-only key, and never without the current password.
        me.MapPost("/password", ChangePasswordAsync).RequireAuthorization(Scopes.LinksWrite).RequireRateLimiting(RateLimits.LoginPolicy)
            .WithSummary("Change your password (current and new); your other sessions and refresh tokens stop working");
    }

    private static async Task<Results<NoContent, ValidationProblem>> ChangePasswordAsync(
        ChangePasswordRequest request, UserAccounts accounts, HttpContext http, CancellationToken ct)
    {
        var (user, errors) = await accounts.ChangePasswordAsync(
            Caller.From(http.User).UserId!.Value, request.CurrentPassword, request.NewPassword, ct);
        if (user is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // The session that made the change stays signed in, with the new password's stamp.
        if (http.User.Identity?.AuthenticationType == AccountsServices.CookieScheme)
        {
            await http.SignInAsync(AccountsServices.CookieScheme, Caller.SessionPrincipal(user, AccountsServices.CookieScheme));
        }

        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<AccountExportResponse>, ProblemHttpResult>> ExportAsync(
        AccountData data, Domains.DomainTable domains, HttpContext http, CancellationToken ct)
    {
        var export = await data.ExportAsync(Caller.From(http.User).UserId!.Value, link => domains.AddressOf(link, http.Request), ct);
        if (export is null)
        {
            return AccountProblems.NotFound();
        }

        http.Response.Headers.ContentDisposition = "attachment; filename=\"hop-export.json\"";
        return TypedResults.Ok(export);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        [FromBody] DeleteAccountRequest? request, UserAccounts accounts, AccountData data, LinkCache cache,
        HttpContext http, CancellationToken ct)
    {
        var userId = Caller.From(http.User).UserId!.Value;
        if (await accounts.CheckOwnPasswordAsync(userId, request?.Password, ct) is { } wrong)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = [wrong] });
        }

        var deleted = await data.DeleteAsync(userId, "themselves", ct);
        foreach (var code in deleted.Codes)
        {
            cache.Invalidate(code);
        }

        return deleted.Status switch
        {
            AccountDeletionStatus.Deleted => TypedResults.NoContent(),
            AccountDeletionStatus.LastAdmin => AccountProblems.Conflict("Last admin",
                "This is the only active admin; make another user an admin before deleting this account.", "id"),
            _ => AccountProblems.NotFound(),
        };
    }
}
