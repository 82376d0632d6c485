using Hop.Redirects;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using LinkOptions = Hop.Links.LinkOptions;

namespace Hop.Accounts;

/// <summary>The caller's own account: <c>/api/v1/me</c>, to take all of one's data along or delete it.</summary>
internal static class MeApi
{
    public static void MapMeApi(this WebApplication app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Account").RequireAuthorization();
        me.MapGet("/export", ExportAsync).RequireAuthorization(Scopes.LinksRead, Scopes.StatsRead)
            .WithSummary("Everything Hop keeps of you as one JSON document: profile, links with their visits, API keys and sessions (never a secret)");
        // A read-only key cannot delete its account, and a stolen session cannot without the password.
        me.MapDelete("/", DeleteAsync).RequireAuthorization(Scopes.LinksWrite).RequireRateLimiting(RateLimits.LoginPolicy)
            .WithSummary("Delete your account and everything it owns; your short links answer 410 from then on");
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
