using Microsoft.Net.Http.Headers;

namespace Hop.Links;

/// <summary>
/// A link's entity tag is its <see cref="Link.Version"/>, strong (<c>"3"</c>): every change bumps the
/// version, and the same version is the optimistic concurrency token in the database.
/// </summary>
internal static class ETags
{
    public static string Of(Link link) => $"\"{link.Version}\"";

    /// <summary>If-None-Match uses the weak comparison (RFC 9110 §13.1.2); <c>*</c> matches any link.</summary>
    public static bool IfNoneMatchHits(HttpRequest request, Link link)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0 || !EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return false;
        }

        var current = new EntityTagHeaderValue(Of(link));
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }

    /// <summary>
    /// True when an If-Match header is sent and none of its tags is the link's current one; If-Match uses
    /// the strong comparison (RFC 9110 §13.1.1), so a weak tag never matches. Without the header it is
    /// false: the precondition is the client's choice.
    /// </summary>
    public static bool IfMatchFails(HttpRequest request, Link link)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0)
        {
            return false;
        }

        if (!EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return true;
        }

        var current = new EntityTagHeaderValue(Of(link));
        return !tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: true));
    }
}
