using System.Text.Json;
using Hop.Accounts;
using Hop.Data;
using Hop.Safety;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Hop.Links;

/// <summary><c>PATCH /api/v1/links/{code}</c>: a JSON merge patch (RFC 7396) of the fields an owner may change.</summary>
internal static class LinkPatch
{
    public const string MergePatchContentType = "application/merge-patch+json";

    /// <summary>Each lost race means another writer won, so a few rounds are enough for any real contention.</summary>
    internal const int MaxAttempts = 10;

    /// <summary>Fields a client sees but never writes; naming them is a 400, not a silent no-op.</summary>
    private static readonly HashSet<string> ReadOnlyFields = new(StringComparer.Ordinal)
    {
        "id", "code", "alias", "shortUrl", "owner", "ownerId", "visitCount", "visits", "state", "hasPassword",
        "disabledReason", "createdAt", "updatedAt", "deletedAt", "version", "isCustomAlias",
    };

    public static async Task<Results<Ok<LinkResponse>, ValidationProblem, ProblemHttpResult>> PatchAsync(
        string code,
        HopDbContext db,
        TimeProvider time,
        PasswordHashing passwords,
        IOptions<LinkOptions> options,
        HttpContext http,
        CancellationToken ct)
    {
        if (!IsJson(http.Request.ContentType))
        {
            return Problems.UnsupportedMediaType(MergePatchContentType, "application/json");
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Request.Body, new JsonDocumentOptions { MaxDepth = 8 }, ct);
        }
        catch (JsonException e)
        {
            return Problems.BadBody($"The body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Problems.BadBody("A merge patch of a link is a JSON object.");
            }

            var caller = Caller.From(http.User);
            for (var attempt = 0; ; attempt++)
            {
                var (link, problem) = await LinkFields.FindForWriteAsync(db, caller, code, http.Request, ct);
                if (link is null)
                {
                    return problem!;
                }

                var now = LinkFields.Now(time);
                var errors = Apply(document.RootElement, link, caller, now, passwords);
                if (errors.Count > 0)
                {
                    return TypedResults.ValidationProblem(errors);
                }

                link.Version++;
                link.UpdatedAt = now;
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts && http.Request.Headers.IfMatch.Count == 0)
                {
                    // Without If-Match the client asked for "apply this patch": apply it to the new version.
                    db.ChangeTracker.Clear();
                    continue;
                }
                catch (DbUpdateConcurrencyException)
                {
                    db.ChangeTracker.Clear();
                    var current = await db.Links.AsNoTracking().FirstAsync(l => l.Code == code, ct);
                    return http.Request.Headers.IfMatch.Count > 0
                        ? Problems.PreconditionFailed(code, ETags.Of(current))
                        : Problems.ConcurrentChange(code);
                }

                http.Response.Headers.ETag = ETags.Of(link);
                return TypedResults.Ok(LinkResponse.From(link, options.Value.ShortUrl(http.Request, code), now));
            }
        }
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals(MergePatchContentType, StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Checks every member of the patch and applies them to <paramref name="link"/> only when all are valid,
    /// so a refused patch changes nothing. Returns the problems by field.
    /// </summary>
    internal static Dictionary<string, string[]> Apply(
        JsonElement patch, Link link, Caller caller, DateTime now, PasswordHashing passwords)
    {
        var errors = new Dictionary<string, string[]>();
        var changes = new List<Action<Link>>();
        void Fail(string field, string reason) => errors[field] = [reason];

        foreach (var member in patch.EnumerateObject())
        {
            var name = member.Name;
            var value = member.Value;
            var isNull = value.ValueKind == JsonValueKind.Null;
            switch (name)
            {
                case "url" or "target":
                    if (value.ValueKind != JsonValueKind.String)
                    {
                        Fail(name, $"{name} must be a URL string; it cannot be removed.");
                    }
                    else if (TargetUrl.Normalize(value.GetString(), out var urlError) is { } target)
                    {
                        changes.Add(l => l.TargetUrl = target);
                    }
                    else
                    {
                        Fail(name, $"{name} {urlError}");
                    }

                    break;

                case "title":
                    if (isNull)
                    {
                        changes.Add(l => l.Title = null);
                    }
                    else if (value.ValueKind != JsonValueKind.String)
                    {
                        Fail(name, "title must be a string or null.");
                    }
                    else if (LinkFields.CheckTitle(value.GetString()!) is { } titleError)
                    {
                        Fail(name, titleError);
                    }
                    else
                    {
                        var title = value.GetString();
                        changes.Add(l => l.Title = title);
                    }

                    break;

                case "tags":
                    if (isNull)
                    {
                        changes.Add(l => l.Tags = []);
                    }
                    else if (value.ValueKind != JsonValueKind.Array
                             || value.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
                    {
                        Fail(name, "tags must be an array of strings or null.");
                    }
                    else if (LinkFields.NormalizeTags(value.EnumerateArray().Select(t => t.GetString()), out var tags) is { } tagsError)
                    {
                        Fail(name, tagsError);
                    }
                    else
                    {
                        changes.Add(l => l.Tags = tags);
                    }

                    break;

                case "expiresAt":
                    if (isNull)
                    {
                        changes.Add(l => l.ExpiresAt = null);
                    }
                    else if (value.ValueKind != JsonValueKind.String || !value.TryGetDateTimeOffset(out var expiresAt))
                    {
                        Fail(name, "expiresAt must be an ISO 8601 timestamp or null.");
                    }
                    else if (LinkFields.CheckExpiresAt(expiresAt, now) is { } expiresError)
                    {
                        Fail(name, expiresError);
                    }
                    else
                    {
                        changes.Add(l => l.ExpiresAt = LinkFields.Truncate(expiresAt.UtcDateTime));
                    }

                    break;

                case "maxVisits":
                    if (isNull)
                    {
                        changes.Add(l => l.MaxVisits = null);
                    }
                    else if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var maxVisits))
                    {
                        Fail(name, "maxVisits must be a whole number or null.");
                    }
                    else if (LinkFields.CheckMaxVisits(maxVisits) is { } maxVisitsError)
                    {
                        Fail(name, maxVisitsError);
                    }
                    else
                    {
                        changes.Add(l => l.MaxVisits = maxVisits);
                    }

                    break;

                case "redirectStatus":
                    if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var status)
                        || LinkFields.CheckRedirectStatus(status) is not null)
                    {
                        Fail(name, LinkFields.CheckRedirectStatus(0)!);
                    }
                    else
                    {
                        changes.Add(l => l.RedirectStatus = status);
                    }

                    break;

                case "forwardQuery":
                    if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        Fail(name, "forwardQuery must be true or false.");
                    }
                    else
                    {
                        var forward = value.GetBoolean();
                        changes.Add(l => l.ForwardQuery = forward);
                    }

                    break;

                case "password":
                    if (isNull)
                    {
                        changes.Add(l => l.PasswordHash = null);
                    }
                    else if (value.ValueKind != JsonValueKind.String)
                    {
                        Fail(name, "password must be a string or null.");
                    }
                    else if (LinkFields.CheckPassword(value.GetString()!) is { } passwordError)
                    {
                        Fail(name, passwordError);
                    }
                    else
                    {
                        var password = value.GetString()!;
                        changes.Add(l => l.PasswordHash = passwords.Hash(password));
                    }

                    break;

                case "disabled":
                    if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        Fail(name, "disabled must be true or false.");
                    }
                    else if (value.GetBoolean())
                    {
                        changes.Add(l => l.DisabledReason ??= LinkFields.DisabledByOwner);
                    }
                    else if (link.DisabledReason is { } reason && reason != LinkFields.DisabledByOwner && !caller.IsAdmin)
                    {
                        // An owner may undo their own switch, never an administrator's decision (abuse, ban).
                        Fail(name, $"the link was disabled by an administrator ({reason}) and only one can enable it.");
                    }
                    else
                    {
                        changes.Add(l => l.DisabledReason = null);
                    }

                    break;

                default:
                    Fail(name, ReadOnlyFields.Contains(name)
                        ? $"{name} is read-only."
                        : $"{name} is not a field of a link.");
                    break;
            }
        }

        if (errors.Count == 0)
        {
            foreach (var change in changes)
            {
                change(link);
            }
        }

        return errors;
    }
}
