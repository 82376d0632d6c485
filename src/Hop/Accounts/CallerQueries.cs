using Hop.Links;

namespace Hop.Accounts;

internal static class CallerQueries
{
    /// <summary>
    /// The links the caller may see: their own, or every link for an admin; only those on its domain for
    /// an API key limited to one, so that every read, edit, list and stat shares the restriction.
    /// </summary>
    public static IQueryable<Link> VisibleTo(this IQueryable<Link> links, Caller caller)
    {
        var visible = caller.IsAdmin ? links
            : caller.UserId is { } id ? links.Where(l => l.OwnerId == id)
            : links.Where(_ => false);
        return caller.DomainId is { } domain ? visible.Where(l => l.DomainId == domain) : visible;
    }
}
