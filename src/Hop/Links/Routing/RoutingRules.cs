using System.Collections.Frozen;
using System.Net;
using System.Text.Json;

namespace Hop.Links.Routing;

/// <summary>
/// The checks of <see cref="LinkRules"/>' rows for rules, variants and the preview. Every fault is
/// reported under its own path (<c>rules[1].conditions.os</c>, <c>variants[0].weight</c>,
/// <c>preview.image</c>) so a caller sees them all at once; values are stored in canonical form, and
/// every URL passes the target policy exactly as the link's own does.
/// </summary>
internal static class RoutingRules
{
    public const int MaxRules = 20;
    public const int MaxValues = 20;
    public const int MinVariants = 2;
    public const int MaxVariants = 10;
    public const int MaxQueryNameLength = 100;
    public const int MaxQueryValueLength = 200;
    public const int MaxPreviewTitleLength = 200;
    public const int MaxPreviewDescriptionLength = 500;

    public static readonly FrozenSet<string> Devices = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "mobile", "tablet", "desktop");

    public static readonly FrozenSet<string> Systems = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "ios", "android", "windows", "macos", "linux");

    /// <summary>The browsers <see cref="Clicks.Writing.UserAgentClassifier"/> names, stored in lower case.</summary>
    public static readonly FrozenSet<string> Browsers = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "chrome", "firefox", "safari", "edge", "opera", "samsung internet", "yandex browser", "vivaldi", "uc browser", "internet explorer");

    private static readonly string DevicesAllowed = string.Join(", ", Devices.Order());
    private static readonly string SystemsAllowed = "ios, android, windows, macos, linux";
    private static readonly string BrowsersAllowed = "chrome, firefox, safari, edge, opera, samsung internet, yandex browser, vivaldi, uc browser, internet explorer";

    /// <summary>The rules, replacing any the link had; an empty list removes them.</summary>
    public static void Rules(IReadOnlyList<RedirectRule?> rules, LinkEdit edit)
    {
        var field = edit.Field;
        if (rules.Count > MaxRules)
        {
            edit.Refuse($"{field} may hold at most {MaxRules} rules.");
            return;
        }

        var checkedRules = new List<RedirectRule>(rules.Count);
        for (var i = 0; i < rules.Count; i++)
        {
            var path = $"{field}[{i}]";
            if (rules[i] is not { } rule)
            {
                edit.RefuseAt(path, $"{path} must be an object with conditions and a url.");
                continue;
            }

            var conditions = Conditions(rule.Conditions, $"{path}.conditions", edit);
            var url = Target(rule.Url, $"{path}.url", edit);
            if (conditions is not null && url is not null)
            {
                checkedRules.Add(new RedirectRule { Conditions = conditions, Url = url });
            }
        }

        edit.Write(l => l.Rules = checkedRules.Count == 0 ? null : checkedRules);
    }

    /// <summary>The split, replacing any the link had.</summary>
    public static void Variants(IReadOnlyList<Variant?> variants, LinkEdit edit)
    {
        var field = edit.Field;
        if (variants.Count is < MinVariants or > MaxVariants)
        {
            edit.Refuse($"{field} must hold {MinVariants} to {MaxVariants} variants (or be null for none).");
            return;
        }

        var checkedVariants = new List<Variant>(variants.Count);
        var sum = 0;
        var weightsKnown = true;
        for (var i = 0; i < variants.Count; i++)
        {
            var path = $"{field}[{i}]";
            if (variants[i] is not { } variant)
            {
                edit.RefuseAt(path, $"{path} must be an object with a url and a weight.");
                weightsKnown = false;
                continue;
            }

            var url = Target(variant.Url, $"{path}.url", edit);
            if (variant.Weight is not (>= 1 and <= 99) || variant.Weight is not { } weight)
            {
                edit.RefuseAt($"{path}.weight", $"{path}.weight must be a whole number from 1 to 99 (percent of visitors).");
                weightsKnown = false;
                continue;
            }

            sum += weight;
            if (url is not null)
            {
                checkedVariants.Add(new Variant { Url = url, Weight = weight });
            }
        }

        if (weightsKnown && sum != 100)
        {
            edit.Refuse($"{field} weights must sum to 100, but they sum to {sum}.");
        }

        edit.Write(l => l.Variants = checkedVariants);
    }

    /// <summary>A create's preview: at least one member.</summary>
    public static void Preview(LinkPreview preview, LinkEdit edit)
    {
        if (preview.IsEmpty)
        {
            edit.Refuse($"{edit.Field} needs at least one of title, description and image (or null for none).");
            return;
        }

        if (CheckedPreview(preview, edit) is { } checkedPreview)
        {
            edit.Write(l => l.Preview = checkedPreview);
        }
    }

    /// <summary>A patch's preview, merged member by member into the link's (RFC 7396): null removes a member, or the whole preview.</summary>
    public static void PatchPreview(JsonElement patch, LinkEdit edit)
    {
        var field = edit.Field;
        if (patch.ValueKind == JsonValueKind.Null)
        {
            edit.Write(l => l.Preview = null);
            return;
        }

        if (patch.ValueKind != JsonValueKind.Object)
        {
            edit.Refuse($"{field} must be an object with title, description or image, or null.");
            return;
        }

        var current = edit.Link.Preview ?? new LinkPreview();
        var (title, description, image) = (current.Title, current.Description, current.Image);
        var faults = false;
        foreach (var member in patch.EnumerateObject())
        {
            var path = $"{field}.{member.Name}";
            if (member.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                edit.RefuseAt(path, $"{path} must be a string or null.");
                faults = true;
                continue;
            }

            var value = member.Value.GetString();
            switch (member.Name)
            {
                case "title": title = value; break;
                case "description": description = value; break;
                case "image": image = value; break;
                default:
                    edit.RefuseAt(path, $"{path} is not a member of a preview (title, description, image).");
                    faults = true;
                    break;
            }
        }

        var merged = new LinkPreview { Title = title, Description = description, Image = image };
        if (!faults && CheckedPreview(merged, edit) is { } checkedPreview)
        {
            edit.Write(l => l.Preview = checkedPreview.IsEmpty ? null : checkedPreview);
        }
    }

    private static LinkPreview? CheckedPreview(LinkPreview preview, LinkEdit edit)
    {
        var field = edit.Field;
        var ok = true;
        if (preview.Title is { } title && !IsPlainText(title, MaxPreviewTitleLength))
        {
            edit.RefuseAt($"{field}.title", $"{field}.title must be 1 to {MaxPreviewTitleLength} characters without control characters.");
            ok = false;
        }

        if (preview.Description is { } description && !IsPlainText(description, MaxPreviewDescriptionLength))
        {
            edit.RefuseAt($"{field}.description", $"{field}.description must be 1 to {MaxPreviewDescriptionLength} characters without control characters.");
            ok = false;
        }

        string? image = null;
        if (preview.Image is not null && (image = Target(preview.Image, $"{field}.image", edit)) is null)
        {
            ok = false;
        }

        return ok ? preview with { Image = image } : null;
    }

    private static bool IsPlainText(string text, int maxLength) =>
        text.Length is > 0 && text.Length <= maxLength && !text.Any(char.IsControl);

    /// <summary>The conditions in canonical form, or null when any is refused (each under its own path).</summary>
    private static RuleConditions? Conditions(RuleConditions? conditions, string path, LinkEdit edit)
    {
        if (conditions is null)
        {
            edit.RefuseAt(path, $"{path} is required: a rule needs at least one condition (device, os, browser, language, country, query, after, before, ip).");
            return null;
        }

        var errors = edit.Errors.Count;
        var result = new RuleConditions
        {
            Device = Values(conditions.Device, $"{path}.device", edit, v => Devices.Contains(v) ? v.ToLowerInvariant() : null, $"one of {DevicesAllowed}"),
            Os = Values(conditions.Os, $"{path}.os", edit, v => Systems.Contains(v) ? v.ToLowerInvariant() : null, $"one of {SystemsAllowed}"),
            Browser = Values(conditions.Browser, $"{path}.browser", edit, v => Browsers.Contains(v) ? v.ToLowerInvariant() : null, $"one of {BrowsersAllowed}"),
            Language = Values(conditions.Language, $"{path}.language", edit, LanguageTag, "a BCP 47 language tag such as de or fr-CH"),
            Country = Values(conditions.Country, $"{path}.country", edit, CountryCode, "an ISO 3166 alpha-2 country code such as DE"),
            Query = Query(conditions.Query, $"{path}.query", edit),
            After = conditions.After?.ToUniversalTime(),
            Before = conditions.Before?.ToUniversalTime(),
            Ip = Values(conditions.Ip, $"{path}.ip", edit, Cidr, "a CIDR range such as 203.0.113.0/24 or 2001:db8::/32"),
        };

        if (result is { After: { } after, Before: { } before } && after >= before)
        {
            edit.RefuseAt($"{path}.before", $"{path}.before must be later than {path}.after.");
        }

        if (edit.Errors.Count == errors
            && result is { Device: null, Os: null, Browser: null, Language: null, Country: null, Query: null, After: null, Before: null, Ip: null })
        {
            edit.RefuseAt(path, $"{path} needs at least one condition (device, os, browser, language, country, query, after, before, ip).");
        }

        return edit.Errors.Count == errors ? result : null;
    }

    /// <summary>1 to <see cref="MaxValues"/> values, each through <paramref name="canonical"/> (null: refused); repeats dropped.</summary>
    private static List<string>? Values(
        IReadOnlyList<string?>? values, string path, LinkEdit edit, Func<string, string?> canonical, string allowed)
    {
        if (values is null)
        {
            return null;
        }

        if (values.Count is 0 or > MaxValues)
        {
            edit.RefuseAt(path, $"{path} must hold 1 to {MaxValues} values, each {allowed}.");
            return null;
        }

        var result = new List<string>(values.Count);
        foreach (var value in values)
        {
            if (value?.Trim() is not { Length: > 0 } trimmed || canonical(trimmed) is not { } normal)
            {
                edit.RefuseAt(path, $"{path} must hold only values that are each {allowed}, but '{value}' is not.");
                return null;
            }

            if (!result.Contains(normal, StringComparer.Ordinal))
            {
                result.Add(normal);
            }
        }

        return result;
    }

    private static Dictionary<string, string?>? Query(IReadOnlyDictionary<string, string?>? query, string path, LinkEdit edit)
    {
        if (query is null)
        {
            return null;
        }

        if (query.Count is 0 or > MaxValues)
        {
            edit.RefuseAt(path, $"{path} must name 1 to {MaxValues} parameters, each with a value to equal or null for present.");
            return null;
        }

        foreach (var (name, value) in query)
        {
            if (name.Length is 0 or > MaxQueryNameLength || value is { Length: > MaxQueryValueLength }
                || name.Any(char.IsControl) || value?.Any(char.IsControl) == true)
            {
                edit.RefuseAt($"{path}.{name}", $"{path}.{name}: a parameter name is 1 to {MaxQueryNameLength} characters and its value null or at most {MaxQueryValueLength}, without control characters.");
                return null;
            }
        }

        return new Dictionary<string, string?>(query, StringComparer.Ordinal);
    }

    /// <summary>
    /// A BCP 47 tag in its usual casing (<c>de</c>, <c>fr-CH</c>, <c>zh-Hant-TW</c>): a primary subtag of 2
    /// to 8 letters, then subtags of 1 to 8 letters or digits.
    /// </summary>
    internal static string? LanguageTag(string tag)
    {
        var parts = tag.Split('-');
        if (tag.Length > 35 || parts[0].Length is < 2 or > 8 || !parts[0].All(char.IsAsciiLetter))
        {
            return null;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length is 0 or > 8 || !part.All(char.IsAsciiLetterOrDigit))
            {
                return null;
            }

            parts[i] = i == 0 ? part.ToLowerInvariant()
                : part.Length == 2 && part.All(char.IsAsciiLetter) ? part.ToUpperInvariant()
                : part.Length == 4 && part.All(char.IsAsciiLetter) ? char.ToUpperInvariant(part[0]) + part[1..].ToLowerInvariant()
                : part.ToLowerInvariant();
        }

        return string.Join('-', parts);
    }

    private static string? CountryCode(string code) =>
        code.Length == 2 && char.IsAsciiLetter(code[0]) && char.IsAsciiLetter(code[1]) && !code.Equals("XX", StringComparison.OrdinalIgnoreCase)
            ? code.ToUpperInvariant()
            : null;

    private static string? Cidr(string text) =>
        text.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(text, out var network) ? network.ToString() : null;

    /// <summary>
    /// A URL through the target policy, as <see cref="LinkRules"/> checks the link's url, the late DNS check
    /// included; null (refused under <paramref name="path"/>) when it fails. A target that would need a
    /// warning page is refused too: only the link's own target is ever shown behind one.
    /// </summary>
    private static string? Target(string? text, string path, LinkEdit edit)
    {
        if (text is null)
        {
            edit.RefuseAt(path, $"{path} is required.");
            return null;
        }

        var verdict = edit.Targets.Check(text);
        if (!verdict.Accepted || verdict.Host is not { } host)
        {
            edit.RefuseAt(path, $"{path} {verdict.Reason}");
            return null;
        }

        if (verdict.Warning is { } warning)
        {
            edit.RefuseAt(path, $"{path} must not need a warning for visitors ({warning}); only the link's own url may.");
            return null;
        }

        if (verdict.MustResolve)
        {
            var targets = edit.Targets;
            edit.CheckLater(path, async ct => await targets.ResolveAsync(host, ct) is { } reason ? $"{path} {reason}" : null);
        }

        return verdict.Url;
    }
}
