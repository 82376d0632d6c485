using Hop.Links;

namespace Hop.Accounts;

internal static class CallerQueries
{
    /// <summary>The links the caller may see: their own, or every link for an admin.</summary>
    public static IQueryable<Link> VisibleTo(this IQueryable<Link> links, Caller caller) =>
        caller.IsAdmin ? links
        : caller.UserId is { } id ? links.Where(l => l.OwnerId == id)
        : links.Where(_ => false);
}
