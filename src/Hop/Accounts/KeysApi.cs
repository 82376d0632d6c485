using Hop.Domains;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hop.Accounts;

/// <summary>A caller's own API keys: <c>/api/v1/keys</c>. The secret is shown once, at creation.</summary>
internal static class KeysApi
{
    public static void MapKeysApi(this WebApplication app)
    {
        var keys = app.MapGroup("/api/v1/keys").WithTags("API keys").RequireAuthorization();
        keys.MapPost("/", CreateAsync).WithSummary("Create an API key (its secret is in this response only)");
        keys.MapGet("/", ListAsync).WithSummary("List your API keys (never their secrets)");
        keys.MapDelete("/{id:long}", RevokeAsync).WithSummary("Revoke one of your API keys");
    }

    /// <summary>A key never grants more than the credential that creates it (and so never more than its user).</summary>
    private static async Task<Results<Created<CreatedKeyResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateKeyRequest request, ApiKeys keys, DomainTable domains, HttpContext http, CancellationToken ct)
    {
        var created = await keys.CreateAsync(Caller.From(http.User), request, domains, ct);
        if (created.Key is not { } key)
        {
            return created.Errors is { } errors ? TypedResults.ValidationProblem(errors) : AccountProblems.ScopeNotHeld(created.ScopeNotHeld!);
        }

        return TypedResults.Created($"/api/v1/keys/{key.Id}", new CreatedKeyResponse { Key = created.Secret!, Details = KeyResponse.From(key, HostOf(domains, key)) });
    }

    private static async Task<Ok<KeyResponse[]>> ListAsync(ApiKeys keys, DomainTable domains, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok((await keys.ListAsync(Caller.From(http.User).UserId!.Value, ct)).Select(k => KeyResponse.From(k, HostOf(domains, k))).ToArray());

    private static string? HostOf(DomainTable domains, ApiKey key) => ApiKeys.DomainHost(domains, key);

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        long id, ApiKeys keys, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.From(http.User).UserId!.Value;
        return await keys.RevokeAsync(id, ownerId: caller, byUserId: caller, ct) ? TypedResults.NoContent() : AccountProblems.NotFound();
    }
}
