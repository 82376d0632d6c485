using Hop.Data;
using Hop.Domains;
using Microsoft.EntityFrameworkCore;

namespace Hop.Accounts;

/// <summary>
/// Creating, listing and revoking API keys, for everyone who does: a user's own keys API, the admin
/// API and <c>hop keys</c>. A key's secret is returned once, at creation, and only its hash is kept.
/// </summary>
internal sealed class ApiKeys(HopDbContext db, TimeProvider time, ILogger<ApiKeys> logger)
{
    public const int MaxNameLength = 100;

    /// <summary>
    /// Creates a key for <paramref name="caller"/>'s user, as the keys API and the keys page do: the scopes
    /// must be ones the caller holds, and the domain (a host) one that exists and, when the caller's own
    /// credential is limited to a domain, that one; without a domain the key gets the caller's limit.
    /// </summary>
    public Task<KeyCreation> CreateAsync(Caller caller, CreateKeyRequest request, DomainTable domains, CancellationToken ct)
    {
        var domainId = caller.DomainId;
        var domainErrors = new Dictionary<string, string[]>();
        if (request.Domain is { } host)
        {
            var domain = domains.ByHost(DomainRules.Canonical(host));
            if (domain is null)
            {
                domainErrors["domain"] = ["domain must be the host of a configured domain."];
            }
            else if (caller.DomainId is { } only && only != domain.Id)
            {
                domainErrors["domain"] = ["domain must be the creating key's own domain: a key never grants more than the credential that creates it."];
            }
            else
            {
                domainId = domain.Id;
            }
        }

        return CreateAsync(caller.UserId!.Value, request, caller.HasScope, domainId, domainErrors, ct);
    }

    /// <summary>The host of the one domain <paramref name="key"/> works on; null for every domain.</summary>
    public static string? DomainHost(DomainTable domains, ApiKey key) => key.DomainId is { } id ? domains.ById(id)?.Host : null;

    /// <summary>
    /// Creates a key for <paramref name="userId"/> with the request's name, scopes and expiry, refusing a
    /// scope that <paramref name="mayGrant"/> refuses: a key never grants more than whoever creates it holds.
    /// </summary>
    public Task<KeyCreation> CreateAsync(long userId, CreateKeyRequest request, Func<string, bool> mayGrant, CancellationToken ct) =>
        CreateAsync(userId, request, mayGrant, domainId: null, domainErrors: null, ct);

    /// <summary>The same for a key limited to domain <paramref name="domainId"/>; <paramref name="domainErrors"/> are the
    /// caller's refusals of the domain, reported with the other fields'.</summary>
    public async Task<KeyCreation> CreateAsync(
        long userId, CreateKeyRequest request, Func<string, bool> mayGrant, long? domainId,
        IReadOnlyDictionary<string, string[]>? domainErrors, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var errors = Validate(request, now);
        foreach (var (field, reasons) in domainErrors ?? new Dictionary<string, string[]>())
        {
            errors[field] = reasons;
        }

        if (errors.Count > 0)
        {
            return new KeyCreation { Errors = errors };
        }

        var scopes = request.Scopes!.Distinct(StringComparer.Ordinal).ToList();
        if (scopes.FirstOrDefault(s => !mayGrant(s)) is { } missing)
        {
            return new KeyCreation { ScopeNotHeld = missing };
        }

        var (secret, prefix, hash) = ApiKeySecrets.Generate();
        var key = new ApiKey
        {
            UserId = userId,
            Name = request.Name!.Trim(),
            Prefix = prefix,
            SecretHash = hash,
            Scopes = scopes,
            CreatedAt = now,
            ExpiresAt = request.ExpiresAt?.UtcDateTime,
            DomainId = domainId,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        AccountsLog.KeyCreated(logger, key.Id, key.Prefix, key.UserId);
        return new KeyCreation { Secret = secret, Key = key };
    }

    public Task<List<ApiKey>> ListAsync(long userId, CancellationToken ct) =>
        db.ApiKeys.AsNoTracking().Where(k => k.UserId == userId).OrderBy(k => k.Id).ToListAsync(ct);

    /// <summary>
    /// Revokes key <paramref name="id"/> (of <paramref name="ownerId"/>, or anyone's when null), on behalf
    /// of <paramref name="byUserId"/> (null: the command line); false when there is no such key.
    /// Revoking twice keeps the first time.
    /// </summary>
    public async Task<bool> RevokeAsync(long id, long? ownerId, long? byUserId, CancellationToken ct)
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

        var now = time.GetUtcNow().UtcDateTime;
        await keys.Where(k => k.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), ct);
        if (byUserId is { } by)
        {
            AccountsLog.KeyRevoked(logger, id, by);
        }
        else
        {
            AccountsLog.KeyRevokedFromCommandLine(logger, id);
        }

        return true;
    }

    private static Dictionary<string, string[]> Validate(CreateKeyRequest request, DateTime now)
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
}
