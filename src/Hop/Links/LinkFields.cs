using Hop.Accounts;
using Hop.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hop.Links;

/// <summary>The rules for a link's fields, shared by create, batch, import and merge patch.</summary>
internal static class LinkFields
{
    /// <summary>
    /// The caller's link for a change: a 404 problem when it is missing or someone else's, 410 when it
    /// is deleted, 412 when the request's If-Match names another version.
    /// </summary>
    public static async Task<(Link? Link, ProblemHttpResult? Problem)> FindForWriteAsync(
        HopDbContext db, Caller caller, string code, HttpRequest request, CancellationToken ct)
    {
        var link = await db.Links.VisibleTo(caller).FirstOrDefaultAsync(l => l.Code == code, ct);
        return link is null ? (null, Problems.LinkNotFound(code))
            : link.DeletedAt is not null ? (null, Problems.LinkGone(code))
            : ETags.IfMatchFails(request, link) ? (null, Problems.PreconditionFailed(code, ETags.Of(link)))
            : (link, null);
    }

    public const int MaxTitleLength = 200;
    public const int MaxTags = 20;
    public const int MaxTagLength = 50;
    public const int MinPasswordLength = 4;
    public const int MaxPasswordLength = 128;
    public const string DisabledByOwner = "disabled by owner";

    public static readonly int[] RedirectStatuses = [301, 302, 307, 308];

    public static string? CheckTitle(string title) =>
        title.Length > MaxTitleLength || title.Any(char.IsControl)
            ? $"title must be at most {MaxTitleLength} characters without control characters."
            : null;

    /// <summary>Trims each tag and drops repeats; returns why the list is refused, or null.</summary>
    public static string? NormalizeTags(IEnumerable<string?> tags, out List<string> normalized)
    {
        normalized = [];
        foreach (var raw in tags)
        {
            var tag = raw?.Trim();
            if (string.IsNullOrEmpty(tag) || tag.Length > MaxTagLength || tag.Any(c => char.IsControl(c) || c is ';' or ','))
            {
                return $"each tag must be 1 to {MaxTagLength} characters, without control characters, ';' or ','.";
            }

            if (!normalized.Contains(tag, StringComparer.Ordinal))
            {
                normalized.Add(tag);
            }
        }

        return normalized.Count > MaxTags ? $"at most {MaxTags} tags are allowed." : null;
    }

    public static string? CheckExpiresAt(DateTimeOffset expiresAt, DateTime now) =>
        expiresAt.UtcDateTime <= now ? "expiresAt must be in the future." : null;

    public static string? CheckMaxVisits(long maxVisits) =>
        maxVisits < 1 ? "maxVisits must be at least 1." : null;

    public static string? CheckRedirectStatus(int status) =>
        RedirectStatuses.Contains(status) ? null : "redirectStatus must be 301, 302, 307 or 308.";

    public static string? CheckPassword(string password) =>
        password.Length is < MinPasswordLength or > MaxPasswordLength
            ? $"password must be {MinPasswordLength} to {MaxPasswordLength} characters long."
            : null;

    /// <summary>Timestamps are kept to the microsecond, the precision both databases store, so that what
    /// the API answers, what it stores and what a cursor compares are the same value.</summary>
    public static DateTime Now(TimeProvider time) => Truncate(time.GetUtcNow().UtcDateTime);

    public static DateTime Truncate(DateTime value) =>
        new(value.Ticks - (value.Ticks % 10), DateTimeKind.Utc);
}
