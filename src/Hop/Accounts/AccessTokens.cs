using Hop.Data;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hop.Accounts;

/// <summary>
/// Short-lived JWT access tokens and rotating refresh tokens for front ends. A refresh token works once;
/// presenting a used one means it was copied, so every token of that sign-in (its family) is revoked.
/// </summary>
internal sealed class AccessTokens(
    HopDbContext db,
    JwtSigningKeys keys,
    TimeProvider time,
    IOptions<AccountOptions> options,
    ILogger<AccessTokens> logger)
{
    public const string Issuer = "hop";
    public const string Audience = "hop";

    public static TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        ValidateIssuerSigningKey = true,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = Caller.NameClaim,
        RoleClaimType = Caller.RoleClaim,
        ClockSkew = TimeSpan.FromSeconds(30),
    };

    /// <summary>Loads the signing key from the database before the first token is checked.</summary>
    public static async Task EnsureSigningKeyAsync(MessageReceivedContext context) =>
        await context.HttpContext.RequestServices.GetRequiredService<JwtSigningKeys>().GetAsync(context.HttpContext.RequestAborted);

    /// <summary>A disabled user's access token stops working at once, not when it expires.</summary>
    public static async Task RejectDisabledUsersAsync(TokenValidatedContext context)
    {
        var caller = Caller.From(context.Principal!);
        var accounts = context.HttpContext.RequestServices.GetRequiredService<UserAccounts>();
        if (caller.UserId is not { } id || !await accounts.IsActiveAsync(id, context.HttpContext.RequestAborted))
        {
            context.Fail("The user is disabled.");
        }
    }

    /// <summary>Signs in: a new access token and the first refresh token of a new family.</summary>
    public Task<TokenResponse> IssueAsync(User user, CancellationToken ct) => IssueAsync(user, Guid.NewGuid(), ct);

    public async Task<TokenResponse?> RefreshAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var hash = OneTimeTokens.Hash(token);
        var stored = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        var now = time.GetUtcNow().UtcDateTime;
        if (stored is null || stored.RevokedAt is not null || stored.ExpiresAt <= now)
        {
            return null;
        }

        // Spending the token is one conditional update, so two concurrent refreshes cannot both win.
        var spent = stored.UsedAt is null && await db.RefreshTokens
            .Where(t => t.Id == stored.Id && t.UsedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct) == 1;
        if (!spent)
        {
            await RevokeFamilyAsync(stored.FamilyId, ct);
            AccountsLog.RefreshTokenReused(logger, stored.FamilyId, stored.UserId);
            return null;
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == stored.UserId && u.DisabledAt == null, ct);
        if (user is null)
        {
            await RevokeFamilyAsync(stored.FamilyId, ct);
            return null;
        }

        return await IssueAsync(user, stored.FamilyId, ct);
    }

    /// <summary>Signs out a front end: the refresh token's whole family stops working.</summary>
    public async Task RevokeAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token))
        {
            return;
        }

        var hash = OneTimeTokens.Hash(token);
        var family = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.FamilyId).FirstOrDefaultAsync(ct);
        if (family is { } id)
        {
            await RevokeFamilyAsync(id, ct);
        }
    }

    private Task RevokeFamilyAsync(Guid family, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.RefreshTokens.Where(t => t.FamilyId == family && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
    }

    private async Task<TokenResponse> IssueAsync(User user, Guid family, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var settings = options.Value;
        var key = await keys.GetAsync(ct);
        var accessToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + settings.AccessTokenLifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                [Caller.UserIdClaim] = user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [Caller.RoleClaim] = user.Role,
                [Caller.NameClaim] = user.Username,
                [Caller.ScopeClaim] = Caller.ScopesOfRole(user.Role),
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
        });

        var refreshToken = OneTimeTokens.New();
        var refresh = new RefreshToken
        {
            UserId = user.Id,
            TokenHash = OneTimeTokens.Hash(refreshToken),
            FamilyId = family,
            CreatedAt = now,
            ExpiresAt = now + settings.RefreshTokenLifetime,
        };
        db.RefreshTokens.Add(refresh);
        await db.SaveChangesAsync(ct);

        return new TokenResponse
        {
            AccessToken = accessToken,
            ExpiresIn = (int)settings.AccessTokenLifetime.TotalSeconds,
            RefreshToken = refreshToken,
            RefreshTokenExpiresAt = refresh.ExpiresAt,
        };
    }
}
