using System.Security.Claims;

namespace Hop.Accounts;

/// <summary>
/// Who is calling, as the authentication schemes (API key, JWT bearer, cookie) describe them in claims:
/// <c>sub</c> = user id, <c>role</c>, one <c>scope</c> claim per granted scope, and <c>domain</c> (a domain id)
/// for an API key limited to one domain.
/// </summary>
internal sealed record Caller(long? UserId, bool IsAdmin, IReadOnlySet<string> Scopes, long? DomainId = null)
{
    public const string UserIdClaim = "sub";
    public const string RoleClaim = "role";
    public const string ScopeClaim = "scope";
    public const string NameClaim = "name";
    public const string DomainClaim = "domain";
    /// <summary>On a session cookie: <see cref="UserAccounts.PasswordStamp"/> of the password it was signed in with.</summary>
    public const string PasswordStampClaim = "pwd";

    public static readonly Caller Anonymous = new(null, false, new HashSet<string>());

    public bool IsAuthenticated => UserId is not null;

    /// <summary>Scopes are checked per key for everyone: an admin's read-only key stays read-only.</summary>
    public bool HasScope(string scope) => Scopes.Contains(scope);

    public static Caller From(ClaimsPrincipal user)
    {
        if (user.FindFirstValue(UserIdClaim) is not { } sub || !long.TryParse(sub, out var id))
        {
            return Anonymous;
        }

        var scopes = user.FindAll(ScopeClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        // Admin powers need both the role and a credential that carries the admin scope.
        var isAdmin = user.FindFirstValue(RoleClaim) == Roles.Admin && scopes.Contains(Accounts.Scopes.Admin);
        long? domain = user.FindFirstValue(DomainClaim) is { } text && long.TryParse(text, out var domainId) ? domainId : null;
        return new Caller(id, isAdmin, scopes, domain);
    }

    /// <summary>The scopes a signed-in session (cookie or JWT) carries: everything the role allows.</summary>
    public static string[] ScopesOfRole(string role) =>
        role == Roles.Admin ? Accounts.Scopes.All : [Accounts.Scopes.LinksRead, Accounts.Scopes.LinksWrite, Accounts.Scopes.StatsRead];

    /// <summary>The claims of a session for <paramref name="user"/>, shaped like an API key's.</summary>
    public static ClaimsPrincipal SessionPrincipal(User user, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(UserIdClaim, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(RoleClaim, user.Role),
            new(NameClaim, user.Username),
            new(PasswordStampClaim, UserAccounts.PasswordStamp(user.PasswordHash)),
        };
        claims.AddRange(ScopesOfRole(user.Role).Select(s => new Claim(ScopeClaim, s)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, NameClaim, RoleClaim));
    }
}
