using Hop.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hop.Accounts;

/// <summary>A caller's own API keys: <c>/api/v1/keys</c>. The secret is shown once, at creation.</summary>
internal static class KeysApi
{
    public const int MaxNameLength = 100;

    public static void MapKeysApi(this WebApplication app)
    {
        var keys = app.MapGroup("/api/v1/keys").WithTags("API keys").RequireAuthorization();
        keys.MapPost("/", CreateAsync).WithSummary("Create an API key (its secret is in this response only)");
        keys.MapGet("/", ListAsync).WithSummary("List your API keys (never their secrets)");
        keys.MapDelete("/{id:long}", RevokeAsync).WithSummary("Revoke one of your API keys");
    }

    private static async Task<Results<Created<CreatedKeyResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateKeyRequest request, HopDbContext db, TimeProvider time, ILogger<ApiKey> logger, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var now = time.GetUtcNow().UtcDateTime;
        var errors = Validate(request, now);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var scopes = request.Scopes!.Distinct(StringComparer.Ordinal).ToList();
        // A key never grants more than the credential that creates it (and so never more than its user).
        if (scopes.FirstOrDefault(s => !caller.HasScope(s)) is { } missing)
        {
            return AccountProblems.ScopeNotHeld(missing);
        }

        var (created, key) = await CreateKeyAsync(db, caller.UserId!.Value, request.Name!.Trim(), scopes, request.ExpiresAt?.UtcDateTime, now, ct);
        AccountsLog.KeyCreated(logger, key.Id, key.Prefix, key.UserId);
        return TypedResults.Created($"/api/v1/keys/{key.Id}", new CreatedKeyResponse { Key = created, Details = KeyResponse.From(key) });
    }

    /// <summary>Stores a new key for <paramref name="userId"/>; returns the secret, which is not kept.</summary>
    public static async Task<(string Secret, ApiKey Key)> CreateKeyAsync(
        HopDbContext db, long userId, string name, List<string> scopes, DateTime? expiresAt, DateTime now, CancellationToken ct)
    {
        var (secret, prefix, hash) = ApiKeySecrets.Generate();
        var key = new ApiKey
        {
            UserId = userId,
            Name = name,
            Prefix = prefix,
            SecretHash = hash,
            Scopes = scopes,
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return (secret, key);
    }

    public static Dictionary<string, string[]> Validate(CreateKeyRequest request, DateTime now)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Name?.Trim() is not { Length: > 0 and <= MaxNameLength } name || name.Any(char.IsControl))
        {
            errors["name"] = [$"name must be 1 to {MaxNameLength} characters without control characters."];
        }

        if (request.Scopes is not { Count: > 0 } scopes || scopes.Any(s => !Scopes.All.Contains(s)))
        {
            errors["scopes"] = [$"scopes must list one or more of: {string.Join(", ", Scopes.All)}."];
        }

        if (request.ExpiresAt is { } expiresAt && expiresAt.UtcDateTime <= now)
        {
            errors["expiresAt"] = ["expiresAt must be in the future."];
        }

        return errors;
    }

    private static async Task<Ok<KeyResponse[]>> ListAsync(HopDbContext db, HttpContext http, CancellationToken ct)
    {
        var userId = Caller.From(http.User).UserId;
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.UserId == userId).OrderBy(k => k.Id).ToListAsync(ct);
        return TypedResults.Ok(keys.Select(KeyResponse.From).ToArray());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        long id, HopDbContext db, TimeProvider time, ILogger<ApiKey> logger, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        return await RevokeKeyAsync(db, id, caller.UserId, time.GetUtcNow().UtcDateTime, ct)
            ? LogRevoked(logger, id, caller.UserId!.Value)
            : AccountProblems.NotFound();
    }

    /// <summary>Revokes key <paramref name="id"/> (of <paramref name="ownerId"/>, or anyone's when null);
    /// false when there is no such key. Revoking twice keeps the first time.</summary>
    public static async Task<bool> RevokeKeyAsync(HopDbContext db, long id, long? ownerId, DateTime now, CancellationToken ct)
    {
        var keys = db.ApiKeys.Where(k => k.Id == id);
        if (ownerId is { } owner)
        {
            keys = keys.Where(k => k.UserId == owner);
        }

        if (!await keys.AnyAsync(ct))
        {
            return false;
        }

        await keys.Where(k => k.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), ct);
        return true;
    }

    public static NoContent LogRevoked(ILogger logger, long keyId, long byUserId)
    {
        AccountsLog.KeyRevoked(logger, keyId, byUserId);
        return TypedResults.NoContent();
    }
}
