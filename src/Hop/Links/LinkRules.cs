using System.Collections.Frozen;
using System.Text.Json;
using Hop.Hosting;
using Hop.Links.Routing;
using Hop.Safety;
using Hop.Safety.Reports;
using Hop.Safety.Targets;

namespace Hop.Links;

/// <summary>
/// The one table of rules for the fields a caller sets on a link: each is read, checked, normalized
/// and written by its row. Create, batch, CSV import and merge patch all go through <see cref="CreateAsync"/>
/// or <see cref="PatchAsync"/>, so a rule is written once and every path enforces it alike, and nothing is
/// written unless every field passes (a rule's late checks, such as a DNS lookup, included).
/// </summary>
internal static class LinkRules
{
    public const int MaxTitleLength = 200;
    public const int MaxTags = 20;
    public const int MaxTagLength = 50;
    public const int MinPasswordLength = 4;
    public const int MaxPasswordLength = 128;
    public const string DisabledByOwner = "disabled by owner";

    private const string RedirectStatusError = "must be 301, 302, 307 or 308.";

    private static readonly LinkRule[] Table =
    [
        LinkRule.Text("url", r => r.Url, Url, wrongType: "must be a URL string; it cannot be removed.", required: true),
        LinkRule.Text("alias", r => r.Alias, Alias, patch: false),
        LinkRule.Text("domain", r => r.Domain, Domain, patch: false),
        LinkRule.Text("title", r => r.Title, Title, remove: l => l.Title = null),
        LinkRule.Texts("tags", r => r.Tags, Tags, remove: l => l.Tags = []),
        LinkRule.Time("expiresAt", r => r.ExpiresAt, ExpiresAt, remove: l => l.ExpiresAt = null),
        LinkRule.Whole("maxVisits", r => r.MaxVisits, MaxVisits, remove: l => l.MaxVisits = null),
        LinkRule.Whole("redirectStatus", r => r.RedirectStatus, RedirectStatus, wrongType: RedirectStatusError),
        LinkRule.Flag("forwardQuery", r => r.ForwardQuery, (forward, edit) => edit.Write(l => l.ForwardQuery = forward)),
        LinkRule.Text("password", r => r.Password, Password, remove: l => l.PasswordHash = null),
        LinkRule.Flag("disabled", request: null, Disabled),
        LinkRule.Json("rules", r => r.Rules, RoutingRules.Rules, HopJsonContext.Default.IReadOnlyListRedirectRule,
            remove: l => l.Rules = null, wrongType: "must be an array of rules ({\"conditions\": {…}, \"url\": …}) or null."),
        LinkRule.Json("variants", r => r.Variants, RoutingRules.Variants, HopJsonContext.Default.IReadOnlyListVariant,
            remove: l => l.Variants = null, wrongType: "must be an array of variants ({\"url\": …, \"weight\": 1 to 99}) or null."),
        LinkRule.Json("preview", r => r.Preview, RoutingRules.Preview, HopJsonContext.Default.LinkPreview,
            remove: l => l.Preview = null, wrongType: "must be an object with title, description or image, or null.",
            patch: RoutingRules.PatchPreview),
    ];

    /// <summary>Patch names: every field, and "target" for the URL.</summary>
    private static readonly FrozenDictionary<string, LinkRule> ByName = Table
        .Select(rule => (rule.Name, rule))
        .Append(("target", Table[0]))
        .ToFrozenDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);

    /// <summary>Fields a client sees but never writes; naming them in a patch is a 400, not a silent no-op.</summary>
    private static readonly FrozenSet<string> ReadOnlyFields = new[]
    {
        "id", "code", "shortUrl", "owner", "ownerId", "visitCount", "visits", "state", "hasPassword",
        "disabledReason", "warning", "createdAt", "updatedAt", "deletedAt", "version", "isCustomAlias",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Checks every field of a create request on <paramref name="edit"/>'s new link and, when all pass,
    /// writes them onto it; false (with the reasons in <see cref="LinkEdit.Errors"/>) when any is refused.
    /// </summary>
    public static Task<bool> CreateAsync(CreateLinkRequest request, LinkEdit edit, CancellationToken ct)
    {
        foreach (var rule in Table)
        {
            if (rule.FromRequest is { } read)
            {
                edit.Field = rule.Name;
                read(request, edit);
            }
        }

        return edit.ApplyAsync(ct);
    }

    /// <summary>
    /// Checks every member of a JSON merge patch (RFC 7396: absent leaves a field alone, null removes
    /// it) and applies them to <paramref name="edit"/>'s link only when all pass.
    /// </summary>
    public static Task<bool> PatchAsync(JsonElement patch, LinkEdit edit, CancellationToken ct)
    {
        foreach (var member in patch.EnumerateObject())
        {
            var name = member.Name;
            edit.Field = name;
            if (ByName.TryGetValue(name, out var rule) && rule.FromPatch is { } read)
            {
                read(member.Value, edit);
            }
            else
            {
                edit.Refuse(rule is not null || ReadOnlyFields.Contains(name)
                    ? $"{name} is read-only."
                    : $"{name} is not a field of a link.");
            }
        }

        return edit.ApplyAsync(ct);
    }

    /// <summary>
    /// The target policy (<see cref="TargetPolicy"/>). A warning for visitors follows the target: set for a
    /// look-alike name or a domain under review, cleared for a clean one. A blocklist entry that disabled
    /// the link stays on it, so removing the entry still re-enables it.
    /// </summary>
    private static void Url(string text, LinkEdit edit)
    {
        var verdict = edit.Targets.Check(text);
        if (!verdict.Accepted || verdict.Host is not { } host)
        {
            edit.Refuse($"{edit.Field} {verdict.Reason}");
            return;
        }

        if (verdict.MustResolve)
        {
            var field = edit.Field;
            var targets = edit.Targets;
            edit.CheckLater(async ct => await targets.ResolveAsync(host, ct) is { } reason ? $"{field} {reason}" : null);
        }

        edit.Write(l =>
        {
            l.TargetUrl = verdict.Url;
            l.TargetHost = host.Name;
            l.HostKey = HostKeys.KeyOf(host.Name);
            // Visitors' reports are about the link, not its host: a new target keeps them until an admin acts.
            l.Warning = verdict.Warning ?? (l.Warning == AbuseReports.Warning ? l.Warning : null);
            if (l.DisabledReason is null || l.BlockedBy is null)
            {
                l.BlockedBy = verdict.ReviewEntry;
            }
        });
    }

    private static void Alias(string alias, LinkEdit edit)
    {
        if (AliasRules.Check(alias) is { } error)
        {
            edit.Refuse($"alias {error}");
            return;
        }

        edit.Write(l =>
        {
            l.Code = alias;
            l.IsCustomAlias = true;
        });
    }

    /// <summary>One of the configured domains, which the caller may create links on (<see cref="LinkEdit.DomainAllowed"/>).</summary>
    private static void Domain(string host, LinkEdit edit)
    {
        if (edit.Domains.ByHost(Domains.DomainRules.Canonical(host)) is not { } domain)
        {
            edit.Refuse("domain must be the host of a configured domain.");
            return;
        }

        if (edit.DomainAllowed(domain) is { } refused)
        {
            edit.Refuse(refused);
            return;
        }

        edit.Write(l => l.DomainId = domain.Id);
    }

    private static void Title(string title, LinkEdit edit)
    {
        if (title.Length > MaxTitleLength || title.Any(char.IsControl))
        {
            edit.Refuse($"title must be at most {MaxTitleLength} characters without control characters.");
            return;
        }

        edit.Write(l => l.Title = title);
    }

    /// <summary>Each tag is trimmed, and repeats are dropped.</summary>
    private static void Tags(IReadOnlyList<string?> tags, LinkEdit edit)
    {
        var normalized = new List<string>(tags.Count);
        foreach (var raw in tags)
        {
            var tag = raw?.Trim();
            if (string.IsNullOrEmpty(tag) || tag.Length > MaxTagLength || tag.Any(c => char.IsControl(c) || c is ';' or ','))
            {
                edit.Refuse($"each tag must be 1 to {MaxTagLength} characters, without control characters, ';' or ','.");
                return;
            }

            if (!normalized.Contains(tag, StringComparer.Ordinal))
            {
                normalized.Add(tag);
            }
        }

        if (normalized.Count > MaxTags)
        {
            edit.Refuse($"at most {MaxTags} tags are allowed.");
            return;
        }

        edit.Write(l => l.Tags = normalized);
    }

    private static void ExpiresAt(DateTimeOffset expiresAt, LinkEdit edit)
    {
        if (expiresAt.UtcDateTime <= edit.Now)
        {
            edit.Refuse("expiresAt must be in the future.");
            return;
        }

        edit.Write(l => l.ExpiresAt = Timestamps.Truncate(expiresAt.UtcDateTime));
    }

    private static void MaxVisits(long maxVisits, LinkEdit edit)
    {
        if (maxVisits < 1)
        {
            edit.Refuse("maxVisits must be at least 1.");
            return;
        }

        edit.Write(l => l.MaxVisits = maxVisits);
    }

    private static void RedirectStatus(long status, LinkEdit edit)
    {
        if (status is not (301 or 302 or 307 or 308))
        {
            edit.Refuse($"redirectStatus {RedirectStatusError}");
            return;
        }

        edit.Write(l => l.RedirectStatus = (int)status);
    }

    /// <summary>Stored only as a hash, computed once every field has passed.</summary>
    private static void Password(string password, LinkEdit edit)
    {
        if (password.Length is < MinPasswordLength or > MaxPasswordLength)
        {
            edit.Refuse($"password must be {MinPasswordLength} to {MaxPasswordLength} characters long.");
            return;
        }

        var hashing = edit.Passwords;
        edit.Write(l => l.PasswordHash = hashing.Hash(password));
    }

    /// <summary>An owner may undo their own switch, never an administrator's decision (abuse, ban).</summary>
    private static void Disabled(bool disabled, LinkEdit edit)
    {
        if (disabled)
        {
            edit.Write(l => l.DisabledReason ??= DisabledByOwner);
        }
        else if (edit.Link.DisabledReason is { } reason && reason != DisabledByOwner && !edit.Caller.IsAdmin)
        {
            edit.Refuse($"the link was disabled by an administrator ({reason}) and only one can enable it.");
        }
        else
        {
            edit.Write(l => l.DisabledReason = null);
        }
    }
}
