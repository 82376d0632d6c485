using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hop.Links;

namespace Hop.Pages.Links;

/// <summary>
/// Every field of the link page's edit form, as text the way a person typed it. The page never judges a
/// value: <see cref="ToPatch"/> turns the form into the JSON merge patch the API would receive, and
/// <see cref="LinkRules.PatchAsync"/> checks it, so the page and the API refuse exactly the same things,
/// under the same names (<c>rules[1].conditions.os</c>). The rule and variant lists are rearranged by
/// submit buttons (<see cref="Rearrange"/>), so the editor needs no script.
/// </summary>
internal sealed class LinkEditForm
{
    public const string Save = "save";
    public const string AddRule = "add-rule";
    public const string AddVariant = "add-variant";
    public const string RemoveRule = "remove-rule-";
    public const string RuleUp = "rule-up-";
    public const string RuleDown = "rule-down-";
    public const string RemoveVariant = "remove-variant-";

    /// <summary>The format of a datetime-local input, read and written in UTC.</summary>
    private const string LocalMinutes = "yyyy-MM-dd'T'HH:mm";

    /// <summary>How a rule's time window is shown in its text inputs, also in UTC.</summary>
    private const string TextMinutes = "yyyy-MM-dd HH:mm";

    private static readonly string[] LocalFormats =
    [
        LocalMinutes, "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", TextMinutes, "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd",
    ];

    /// <summary>Which submit button was pressed: <see cref="Save"/> or one that rearranges the lists.</summary>
    public string? Action { get; set; }

    /// <summary>The link's version when the form was loaded, so a save never overwrites a change made since.</summary>
    public int Version { get; set; }

    public string? Url { get; set; }
    public string? Title { get; set; }
    public string? Tags { get; set; }
    public string? ExpiresAt { get; set; }
    public string? MaxVisits { get; set; }
    public string? RedirectStatus { get; set; }
    public bool ForwardQuery { get; set; }
    public string? NewPassword { get; set; }
    public bool RemovePassword { get; set; }
    /// <summary>Never null: the form binder sets a list no field names to null.</summary>
    public List<LinkEditRuleForm> Rules
    {
        get;
        set => field = value ?? [];
    } = [];

    public List<LinkEditVariantForm> Variants
    {
        get;
        set => field = value ?? [];
    } = [];
    public string? PreviewTitle { get; set; }
    public string? PreviewDescription { get; set; }
    public string? PreviewImage { get; set; }

    public static LinkEditForm From(Link link) => new()
    {
        Version = link.Version,
        Url = link.TargetUrl,
        Title = link.Title,
        Tags = string.Join(", ", link.Tags),
        ExpiresAt = Local(link.ExpiresAt),
        MaxVisits = link.MaxVisits?.ToString(CultureInfo.InvariantCulture),
        RedirectStatus = link.RedirectStatus.ToString(CultureInfo.InvariantCulture),
        ForwardQuery = link.ForwardQuery,
        Rules = [.. (link.Rules ?? []).Select(r => new LinkEditRuleForm
        {
            Url = r.Url,
            Device = Joined(r.Conditions?.Device),
            Os = Joined(r.Conditions?.Os),
            Browser = Joined(r.Conditions?.Browser),
            Language = Joined(r.Conditions?.Language),
            Country = Joined(r.Conditions?.Country),
            Query = r.Conditions?.Query is { } query
                ? string.Join('&', query.Select(p => p.Value is null ? p.Key : $"{p.Key}={p.Value}"))
                : null,
            Ip = Joined(r.Conditions?.Ip),
            After = r.Conditions?.After?.UtcDateTime.ToString(TextMinutes, CultureInfo.InvariantCulture),
            Before = r.Conditions?.Before?.UtcDateTime.ToString(TextMinutes, CultureInfo.InvariantCulture),
        })],
        Variants = [.. (link.Variants ?? []).Select(v => new LinkEditVariantForm
        {
            Url = v.Url,
            Weight = v.Weight?.ToString(CultureInfo.InvariantCulture),
        })],
        PreviewTitle = link.PreviewTitle,
        PreviewDescription = link.PreviewDescription,
        PreviewImage = link.PreviewImage,
    };

    /// <summary>
    /// Applies a button that adds, removes or moves a rule or variant; false when the button was Save,
    /// which the page then saves.
    /// </summary>
    public bool Rearrange()
    {
        var action = Action ?? Save;
        if (action == AddRule)
        {
            Rules.Add(new LinkEditRuleForm());
        }
        else if (action == AddVariant)
        {
            // A split needs two targets: the first click offers both halves.
            var adding = Variants.Count == 0 ? 2 : 1;
            for (var i = 0; i < adding; i++)
            {
                Variants.Add(new LinkEditVariantForm { Weight = adding == 2 ? "50" : null });
            }
        }
        else if (IndexAfter(action, RemoveRule, Rules.Count) is { } removeRule)
        {
            Rules.RemoveAt(removeRule);
        }
        else if (IndexAfter(action, RuleUp, Rules.Count) is { } up && up > 0)
        {
            (Rules[up - 1], Rules[up]) = (Rules[up], Rules[up - 1]);
        }
        else if (IndexAfter(action, RuleDown, Rules.Count) is { } down && down < Rules.Count - 1)
        {
            (Rules[down + 1], Rules[down]) = (Rules[down], Rules[down + 1]);
        }
        else if (IndexAfter(action, RemoveVariant, Variants.Count) is { } removeVariant)
        {
            Variants.RemoveAt(removeVariant);
        }
        else
        {
            // A move past either end, or an index the lists no longer have, changes nothing and saves nothing.
            return new[] { RuleUp, RuleDown, RemoveRule, RemoveVariant }.Any(p => action.StartsWith(p, StringComparison.Ordinal));
        }

        return true;
    }

    /// <summary>
    /// The merge patch of what this form changes on <paramref name="current"/>: only the members whose
    /// value differs from the stored one, so an untouched field (an expiry already past, a target since
    /// put under review) is never judged again. A new password is always sent; it is never shown.
    /// </summary>
    public JsonObject ToPatch(Link current)
    {
        var mine = Members();
        var stored = From(current).Members();
        var patch = new JsonObject();
        foreach (var (name, value) in mine)
        {
            if (!JsonNode.DeepEquals(value, stored[name]))
            {
                patch[name] = value?.DeepClone();
            }
        }

        if (!string.IsNullOrEmpty(NewPassword))
        {
            patch["password"] = NewPassword;
        }
        else if (RemovePassword && current.PasswordHash is not null)
        {
            patch["password"] = null;
        }

        return patch;
    }

    /// <summary>Every member the form can set, as the API spells it.</summary>
    private JsonObject Members() => new()
    {
        ["url"] = Url?.Trim() ?? "",
        ["title"] = Blank(Title) ? null : Title!.Trim(),
        ["tags"] = new JsonArray([.. List(Tags).Select(t => (JsonNode?)t)]),
        ["expiresAt"] = Instant(ExpiresAt),
        ["maxVisits"] = Number(MaxVisits),
        ["redirectStatus"] = Number(RedirectStatus),
        ["forwardQuery"] = ForwardQuery,
        ["rules"] = Rules.Count == 0 ? null : new JsonArray([.. Rules.Select(RuleJson)]),
        ["variants"] = Variants.Count == 0 ? null : new JsonArray([.. Variants.Select(v => (JsonNode?)new JsonObject
        {
            ["url"] = Blank(v.Url) ? null : v.Url!.Trim(),
            ["weight"] = int.TryParse(v.Weight, NumberStyles.Integer, CultureInfo.InvariantCulture, out var weight) ? weight : null,
        })]),
        ["preview"] = Blank(PreviewTitle) && Blank(PreviewDescription) && Blank(PreviewImage) ? null : new JsonObject
        {
            ["title"] = Blank(PreviewTitle) ? null : PreviewTitle!.Trim(),
            ["description"] = Blank(PreviewDescription) ? null : PreviewDescription!.Trim(),
            ["image"] = Blank(PreviewImage) ? null : PreviewImage!.Trim(),
        },
    };

    private static JsonNode RuleJson(LinkEditRuleForm rule)
    {
        var conditions = new JsonObject();
        AddList(conditions, "device", rule.Device);
        AddList(conditions, "os", rule.Os);
        AddList(conditions, "browser", rule.Browser);
        AddList(conditions, "language", rule.Language);
        AddList(conditions, "country", rule.Country);
        if (!Blank(rule.Query))
        {
            var query = new JsonObject();
            foreach (var pair in rule.Query!.Split('&', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                query[equals < 0 ? pair : pair[..equals].Trim()] = equals < 0 ? null : pair[(equals + 1)..].Trim();
            }

            conditions["query"] = query;
        }

        AddList(conditions, "ip", rule.Ip);
        if (!Blank(rule.After))
        {
            conditions["after"] = Instant(rule.After);
        }

        if (!Blank(rule.Before))
        {
            conditions["before"] = Instant(rule.Before);
        }

        return new JsonObject { ["conditions"] = conditions, ["url"] = Blank(rule.Url) ? null : rule.Url!.Trim() };
    }

    private static void AddList(JsonObject conditions, string name, string? text)
    {
        if (!Blank(text))
        {
            conditions[name] = new JsonArray([.. List(text).Select(v => (JsonNode?)v)]);
        }
    }

    private static List<string> List(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>A whole number as a number; anything else as the text it is, which the link's rules then refuse.</summary>
    private static JsonNode? Number(string? text) =>
        Blank(text) ? null
        : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number
        : text!.Trim();

    /// <summary>A datetime-local value (or a date and time typed alike), taken as UTC, in ISO 8601; anything else as the text it is.</summary>
    private static JsonNode? Instant(string? text) =>
        Blank(text) ? null
        : DateTime.TryParseExact(text!.Trim(), LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc)
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : text.Trim();

    private static string? Local(DateTime? utc) => utc?.ToString(LocalMinutes, CultureInfo.InvariantCulture);

    private static string? Joined(IReadOnlyList<string>? values) => values is null ? null : string.Join(", ", values);

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);

    private static int? IndexAfter(string action, string prefix, int count) =>
        action.StartsWith(prefix, StringComparison.Ordinal)
        && int.TryParse(action.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
        && index < count
            ? index
            : null;
}
