using System.Security.Claims;
using System.Text.Encodings.Web;
using Hop.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hop.Accounts;

/// <summary>Authenticates <c>Authorization: Bearer hop_…</c> or <c>X-Api-Key: hop_…</c>.</summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    HopDbContext db,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    /// <summary>Last-used time is written at most this often per key, to keep reads cheap.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public static string? KeyFrom(HttpRequest request)
    {
        if (request.Headers[HeaderName].ToString() is { Length: > 0 } header)
        {
            return header.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer " + ApiKeySecrets.Marker, StringComparison.Ordinal)
            ? authorization["Bearer ".Length..].Trim()
            : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (KeyFrom(Request) is not { } key)
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiKeySecrets.LooksLikeKey(key))
        {
            return AuthenticateResult.Fail("Malformed API key.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var prefix = key[..ApiKeySecrets.PrefixLength];
        var found = await db.ApiKeys
            .Where(k => k.Prefix == prefix)
            .Join(db.Users, k => k.UserId, u => u.Id, (k, u) => new { Key = k, User = u })
            .FirstOrDefaultAsync(Context.RequestAborted);

        if (found is null || !ApiKeySecrets.Matches(key, found.Key.SecretHash))
        {
            return AuthenticateResult.Fail("Unknown API key.");
        }

        if (found.Key.RevokedAt is not null || found.Key.ExpiresAt <= now || found.User.DisabledAt is not null)
        {
            return AuthenticateResult.Fail("The API key is revoked or expired, or its user is disabled.");
        }

        if (found.Key.LastUsedAt is null || now - found.Key.LastUsedAt > LastUsedResolution)
        {
            await db.ApiKeys.Where(k => k.Id == found.Key.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        }

        var claims = new List<Claim>
        {
            new(Caller.UserIdClaim, found.User.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(Caller.RoleClaim, found.User.Role),
            new(Caller.NameClaim, found.User.Username),
        };
        if (found.Key.DomainId is { } domain)
        {
            claims.Add(new Claim(Caller.DomainClaim, domain.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        // A key never grants more than its user has: "admin" only counts for admins.
        claims.AddRange(found.Key.Scopes
            .Where(s => s != Scopes.Admin || found.User.Role == Roles.Admin)
            .Select(s => new Claim(Caller.ScopeClaim, s)));
        var identity = new ClaimsIdentity(claims, SchemeName, Caller.NameClaim, Caller.RoleClaim);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
