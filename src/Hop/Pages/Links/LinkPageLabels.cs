using System.Text.RegularExpressions;

namespace Hop.Pages.Links;

/// <summary>
/// The names people know the link page's fields by, for the error summary: the link's rules report a
/// fault under the API's path (<c>rules[1].conditions.os</c>), the summary says "Rule 2, operating system".
/// </summary>
internal static partial class LinkPageLabels
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["url"] = "Target URL",
        ["title"] = "Title",
        ["tags"] = "Tags",
        ["expiresAt"] = "Expires",
        ["maxVisits"] = "Maximum visits",
        ["redirectStatus"] = "Redirect type",
        ["forwardQuery"] = "Forward the query string",
        ["password"] = "Password",
        ["disabled"] = "Disabled",
        ["rules"] = "Redirect rules",
        ["variants"] = "A/B split",
        ["preview"] = "Social preview",
        ["preview.title"] = "Preview title",
        ["preview.description"] = "Preview description",
        ["preview.image"] = "Preview image URL",
    };

    private static readonly Dictionary<string, string> RuleParts = new(StringComparer.Ordinal)
    {
        [""] = "",
        [".url"] = ", destination",
        [".conditions"] = ", conditions",
        [".conditions.os"] = ", operating system",
        [".conditions.device"] = ", device",
        [".conditions.browser"] = ", browser",
        [".conditions.language"] = ", language",
        [".conditions.country"] = ", country",
        [".conditions.query"] = ", query parameters",
        [".conditions.ip"] = ", client IP ranges",
        [".conditions.after"] = ", from",
        [".conditions.before"] = ", until",
        [".weight"] = ", weight",
    };

    public static string Of(string field)
    {
        if (Fields.TryGetValue(field, out var label))
        {
            return label;
        }

        var match = Indexed().Match(field);
        if (match.Success && int.TryParse(match.Groups["index"].ValueSpan, out var index))
        {
            var list = match.Groups["list"].Value == "rules" ? "Rule" : "Variant";
            var part = match.Groups["part"].Value;
            return RuleParts.TryGetValue(part, out var rest) ? $"{list} {index + 1}{rest}" : $"{list} {index + 1} {part.TrimStart('.')}";
        }

        return field;
    }

    [GeneratedRegex(@"^(?<list>rules|variants)\[(?<index>\d+)\](?<part>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Indexed();
}
