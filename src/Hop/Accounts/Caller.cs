using System.Security.Claims;
using Hop.Links;

namespace Hop.Accounts;

/// <summary>
/// Who is calling, as the authentication schemes (API key, JWT bearer, cookie) describe them in claims:
/// <c>sub</c> = user id, <c>role</c>, and one <c>scope</c> claim per granted scope.
/// </summary>
internal sealed record Caller(long? UserId, bool IsAdmin, IReadOnlySet<string> Scopes)
{
    public const string UserIdClaim = "sub";
    public const string RoleClaim = "role";
    public const string ScopeClaim = "scope";

    public static readonly Caller Anonymous = new(null, false, new HashSet<string>());

    public bool IsAuthenticated => UserId is not null;

    public bool HasScope(string scope) => IsAdmin || Scopes.Contains(scope);

    /// <summary>Another user's object is treated exactly like a missing one.</summary>
    public bool CanSee(Link link) => IsAdmin || (UserId is not null && link.OwnerId == UserId);

    public static Caller From(ClaimsPrincipal user)
    {
        if (user.FindFirstValue(UserIdClaim) is not { } sub || !long.TryParse(sub, out var id))
        {
            return Anonymous;
        }

        var scopes = user.FindAll(ScopeClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new Caller(id, user.FindFirstValue(RoleClaim) == Roles.Admin, scopes);
    }
}

internal static class CallerQueries
{
    /// <summary>The links the caller may see: their own, or every link for an admin.</summary>
    public static IQueryable<Link> VisibleTo(this IQueryable<Link> links, Caller caller) =>
        caller.IsAdmin ? links
        : caller.UserId is { } id ? links.Where(l => l.OwnerId == id)
        : links.Where(_ => false);
}
