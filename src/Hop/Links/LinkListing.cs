using System.Buffers.Binary;
using System.Globalization;
using Hop.Accounts;
using Hop.Data;
using Hop.Domains;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Hop.Links;

/// <summary>
/// Keyset pagination over (created_at, id): a strict total order on values that never change, so a link
/// that existed when paging started is seen exactly once however many links are added meanwhile. New
/// links take the current time, so newest-first paging never meets them behind its cursor, and
/// oldest-first paging meets them at the end.
/// </summary>
internal static class LinkListing
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary><c>GET /api/v1/links</c>: the links the caller may see (an admin: every link).</summary>
    public static async Task<Results<Ok<LinkPage>, ValidationProblem>> ListAsync(
        [AsParameters] LinkListQuery query,
        HopDbContext db,
        TimeProvider time,
        DomainTable domains,
        HttpContext http,
        CancellationToken ct)
    {
        var (filter, errors) = Read(query, domains);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = Timestamps.Now(time);
        var slice = await QueryAsync(db.Links.AsNoTracking().VisibleTo(Caller.From(http.User)), filter, now, ct);
        var next = slice.Next?.ToString();
        if (next is not null)
        {
            http.Response.Headers.Link = $"<{NextUrl(http.Request, next)}>; rel=\"next\"";
        }

        var items = slice.Links.ConvertAll(l => LinkResponse.From(l, domains.AddressOf(l, http.Request), now));
        return TypedResults.Ok(new LinkPage { Items = items, NextCursor = next });
    }

    /// <summary>Checks a listing's query string; every bad value is reported at once, under its parameter's name.</summary>
    public static (LinkFilter Filter, Dictionary<string, string[]> Errors) Read(LinkListQuery query, DomainTable domains)
    {
        var errors = new Dictionary<string, string[]>();
        var limit = DefaultLimit;
        if (query.Limit is not null
            && (!int.TryParse(query.Limit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"limit must be a whole number from 1 to {MaxLimit}."];
        }

        var cursor = default(Cursor?);
        if (query.Cursor is not null && !Cursor.TryParse(query.Cursor, out cursor))
        {
            errors["cursor"] = ["cursor is not one this API handed out."];
        }

        var after = ParseTime(query.CreatedAfter, "createdAfter", errors);
        var before = ParseTime(query.CreatedBefore, "createdBefore", errors);
        var state = default(LinkState?);
        if (query.State is not null)
        {
            if (Enum.TryParse<LinkState>(query.State, ignoreCase: true, out var parsed) && !int.TryParse(query.State, out _))
            {
                state = parsed;
            }
            else
            {
                errors["state"] = ["state must be active, expired, disabled or deleted."];
            }
        }

        long? domainId = null;
        if (query.Domain is not null)
        {
            if (domains.ByHost(DomainRules.Canonical(query.Domain)) is { } domain)
            {
                domainId = domain.Id;
            }
            else
            {
                errors["domain"] = ["domain must be the host of a configured domain."];
            }
        }

        if (query.Sort is not (null or "created" or "-created"))
        {
            errors["sort"] = ["sort must be created or -created."];
        }

        return (new LinkFilter
        {
            Limit = limit,
            After = cursor,
            Tag = string.IsNullOrEmpty(query.Tag) ? null : query.Tag,
            Q = string.IsNullOrEmpty(query.Q) ? null : query.Q,
            CreatedAfter = after,
            CreatedBefore = before,
            State = state,
            DomainId = domainId,
            NewestFirst = query.Sort is null or "-created",
        }, errors);
    }

    /// <summary>
    /// One page of <paramref name="visible"/> (the links the caller may list) under <paramref name="filter"/>:
    /// a single query that walks the (owner, created_at, id) index from the cursor and stops one row past
    /// the page, so its cost follows the page size, not the number of links.
    /// </summary>
    public static async Task<LinkSlice> QueryAsync(IQueryable<Link> visible, LinkFilter filter, DateTime now, CancellationToken ct)
    {
        var links = Filter(visible, filter, now);
        var backwards = filter.Before is not null;
        var descending = filter.NewestFirst != backwards;
        if ((filter.Before ?? filter.After) is { } from)
        {
            // The first comparison is implied by the second; it gives the database a range to seek to.
            links = descending
                ? links.Where(l => l.CreatedAt <= from.CreatedAt && (l.CreatedAt < from.CreatedAt || (l.CreatedAt == from.CreatedAt && l.Id < from.Id)))
                : links.Where(l => l.CreatedAt >= from.CreatedAt && (l.CreatedAt > from.CreatedAt || (l.CreatedAt == from.CreatedAt && l.Id > from.Id)));
        }

        links = descending
            ? links.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id)
            : links.OrderBy(l => l.CreatedAt).ThenBy(l => l.Id);

        // One row more than asked tells whether another page exists without a count.
        var rows = await links.Take(filter.Limit + 1).ToListAsync(ct);
        var more = rows.Count > filter.Limit;
        if (more)
        {
            rows.RemoveAt(filter.Limit);
        }

        if (backwards)
        {
            rows.Reverse();
            return new LinkSlice(rows, rows.Count > 0 ? Cursor.Of(rows[^1]) : null, more ? Cursor.Of(rows[0]) : null);
        }

        return new LinkSlice(rows, more ? Cursor.Of(rows[^1]) : null, filter.After is not null && rows.Count > 0 ? Cursor.Of(rows[0]) : null);
    }

    internal static IQueryable<Link> Filter(IQueryable<Link> links, LinkFilter filter, DateTime now)
    {
        if (filter.DomainId is { } onDomain)
        {
            links = links.Where(l => l.DomainId == onDomain);
        }

        if (filter.Tag is { } tag)
        {
            links = links.Where(l => l.Tags.Contains(tag));
        }

        if (filter.Q is { } text)
        {
            var q = text.ToLowerInvariant();
            links = links.Where(l => l.Code.ToLower().Contains(q)
                || l.TargetUrl.ToLower().Contains(q)
                || (l.Title != null && l.Title.ToLower().Contains(q)));
        }

        if (filter.CreatedAfter is { } from)
        {
            links = links.Where(l => l.CreatedAt >= from);
        }

        if (filter.CreatedBefore is { } until)
        {
            links = links.Where(l => l.CreatedAt < until);
        }

        // The same rules as Link.StateAt, in SQL.
        return filter.State switch
        {
            LinkState.Deleted => links.Where(l => l.DeletedAt != null),
            LinkState.Disabled => links.Where(l => l.DeletedAt == null && l.DisabledReason != null),
            LinkState.Expired => links.Where(l => l.DeletedAt == null && l.DisabledReason == null
                && ((l.ExpiresAt != null && l.ExpiresAt <= now) || (l.MaxVisits != null && l.VisitCount >= l.MaxVisits))),
            LinkState.Active => links.Where(l => l.DeletedAt == null && l.DisabledReason == null
                && (l.ExpiresAt == null || l.ExpiresAt > now) && (l.MaxVisits == null || l.VisitCount < l.MaxVisits)),
            _ => links.Where(l => l.DeletedAt == null),
        };
    }

    private static DateTime? ParseTime(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return Timestamps.Truncate(value.UtcDateTime);
        }

        errors[field] = [$"{field} must be an ISO 8601 timestamp, e.g. 2025-01-31T00:00:00Z."];
        return null;
    }

    /// <summary>This request's URL with the cursor replaced, so every filter carries over to the next page.</summary>
    private static string NextUrl(HttpRequest request, string cursor)
    {
        var query = new QueryBuilder();
        foreach (var (key, values) in QueryHelpers.ParseQuery(request.QueryString.Value))
        {
            if (!key.Equals("cursor", StringComparison.OrdinalIgnoreCase))
            {
                query.Add(key, values.ToArray()!);
            }
        }

        query.Add("cursor", cursor);
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, query.ToQueryString());
    }

    /// <summary>Where a page ended: opaque to clients (base64url of a version byte, ticks and id).</summary>
    internal readonly record struct Cursor(DateTime CreatedAt, long Id)
    {
        private const byte Version = 1;

        public static Cursor Of(Link link) => new(link.CreatedAt, link.Id);

        public override string ToString()
        {
            Span<byte> bytes = stackalloc byte[17];
            bytes[0] = Version;
            BinaryPrimitives.WriteInt64BigEndian(bytes[1..], CreatedAt.Ticks);
            BinaryPrimitives.WriteInt64BigEndian(bytes[9..], Id);
            return WebEncoders.Base64UrlEncode(bytes);
        }

        public static bool TryParse(string text, out Cursor? cursor)
        {
            cursor = null;
            byte[] bytes;
            try
            {
                bytes = WebEncoders.Base64UrlDecode(text);
            }
            catch (FormatException)
            {
                return false;
            }

            if (bytes.Length != 17 || bytes[0] != Version)
            {
                return false;
            }

            var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1));
            if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
            {
                return false;
            }

            cursor = new Cursor(new DateTime(ticks, DateTimeKind.Utc), BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(9)));
            return true;
        }
    }
}
