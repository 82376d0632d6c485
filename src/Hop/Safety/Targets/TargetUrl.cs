using System.Globalization;
using System.Text;

namespace Hop.Safety.Targets;

/// <summary>
/// Reads a target the way a browser does (the WHATWG URL standard, for http and https) and writes it
/// back in one canonical spelling, refusing whatever a browser could read differently from Hop: so the
/// host <see cref="TargetPolicy"/> classifies is the host a visitor's browser connects to. Pure, with no
/// settings; the policy adds what depends on them.
/// </summary>
/// <remarks>
/// System.Uri alone is not that parser: it reads <c>127.0.0.1.</c> and <c>１２７．０．０．１</c> as DNS
/// names (a browser: 127.0.0.1), refuses <c>%31%32%37.0.0.1</c> (a browser: 127.0.0.1), drops an IPv6 zone
/// id, accepts port 0 and keeps Unicode hosts in <see cref="Uri.AbsoluteUri"/>. It agrees with browsers on
/// decimal, octal, hex and short IPv4 forms and on paths, so the host is parsed here and Uri only
/// normalizes the path, query and fragment of a URL whose host is already canonical.
/// </remarks>
internal static class TargetUrl
{
    public const int DefaultMaxLength = 2048;

    /// <summary>The most any setting may allow, and the width of the stored column.</summary>
    public const int HardMaxLength = 8192;

    private const string NotHttp = "must be an absolute http:// or https:// URL.";

    /// <summary>Trimmed from both ends: ASCII whitespace only, so that other controls and spaces are refused, not hidden.</summary>
    private const string OuterWhitespace = " \t\n\r\f\v";

    /// <summary>Reads <paramref name="text"/>; refuses it when its normalized form is longer than <paramref name="maxLength"/>.</summary>
    public static TargetParse Parse(string? text, int maxLength = DefaultMaxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return TargetParse.Refused(TargetProblem.Required, "is required.");
        }

        // Before any parsing, so that a huge input costs nothing.
        if (text.Length > HardMaxLength)
        {
            return TooLong(maxLength);
        }

        var input = text.AsSpan().Trim(OuterWhitespace);
        if (FirstForbidden(input) is { } bad)
        {
            return TargetParse.Refused(TargetProblem.Characters,
                $"must not contain spaces, control or invisible characters (U+{bad:X4} found).");
        }

        // Browsers read '\' as '/' in http(s) URLs, so https://evil.example\@bank.com goes to evil.example.
        if (input.Contains('\\'))
        {
            return TargetParse.Refused(TargetProblem.Characters, "must not contain a backslash (write %5C).");
        }

        var colon = input.IndexOf(':');
        if (colon <= 0)
        {
            return TargetParse.Refused(TargetProblem.Scheme, NotHttp);
        }

        var scheme = input[..colon].ToString().ToLowerInvariant();
        if (scheme is not ("http" or "https"))
        {
            return TargetParse.Refused(TargetProblem.Scheme, IsSchemeName(scheme) && scheme.Length <= 32
                ? $"must use http:// or https://, not {scheme}:."
                : NotHttp);
        }

        // http:evil.com, http:/evil.com and http:///evil.com are all evil.com to a browser; only the plain form is taken.
        var rest = input[(colon + 1)..];
        if (!rest.StartsWith("//") || (rest.Length > 2 && rest[2] == '/'))
        {
            return TargetParse.Refused(TargetProblem.Scheme, NotHttp);
        }

        rest = rest[2..];
        var authorityEnd = rest.IndexOfAny('/', '?', '#');
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var tail = authorityEnd < 0 ? [] : rest[authorityEnd..];
        if (authority.Contains('@'))
        {
            return TargetParse.Refused(TargetProblem.UserInfo, "must not contain user info (user@host).");
        }

        if (!SplitPort(authority, out var hostText, out var port))
        {
            return TargetParse.Refused(TargetProblem.Malformed, "must have a port from 1 to 65535, or none.");
        }

        var parsed = WhatwgHost.Parse(hostText, out var host, out var reason);
        if (parsed != TargetProblem.None || host is null)
        {
            return TargetParse.Refused(parsed, reason);
        }

        var defaultPort = scheme == "http" ? 80 : 443;
        var builder = new StringBuilder(scheme.Length + 3 + host.Name.Length + 6 + tail.Length);
        builder.Append(scheme).Append("://").Append(host.Name);
        if (port is { } p && p != defaultPort)
        {
            builder.Append(':').Append(p.ToString(CultureInfo.InvariantCulture));
        }

        builder.Append(tail);
        if (!Uri.TryCreate(builder.ToString(), UriKind.Absolute, out var uri))
        {
            return TargetParse.Refused(TargetProblem.Malformed, "is not a valid URL.");
        }

        // Uri must read the canonical host as written; anything else means the two parsers disagree.
        var url = uri.AbsoluteUri;
        if (!string.Equals(UriHost(uri), host.Name, StringComparison.Ordinal) || uri.Port != (port ?? defaultPort)
            || uri.UserInfo.Length > 0 || FirstForbidden(url) is not null || url.Contains('\\'))
        {
            return TargetParse.Refused(TargetProblem.Malformed, "is not a valid URL.");
        }

        return url.Length > maxLength ? TooLong(maxLength) : new TargetParse(TargetProblem.None, "", url, host);
    }

    /// <summary>The host of an absolute URL as <see cref="TargetHost.Name"/> spells it (IPv6 in brackets).</summary>
    public static string UriHost(Uri uri) =>
        uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.IdnHost}]" : uri.IdnHost.ToLowerInvariant();

    /// <summary>
    /// The first character that has no place in a target: controls (C0, DEL, C1), every space, format
    /// characters (zero-width, bidi overrides, soft hyphen, BOM), line and paragraph separators, private-use
    /// and unpaired surrogate code units. Null when there is none.
    /// </summary>
    public static int? FirstForbidden(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is > ' ' and < '\u007F')
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var category = CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(c, text[i + 1]));
                if (category is UnicodeCategory.Format or UnicodeCategory.PrivateUse)
                {
                    return char.ConvertToUtf32(c, text[i + 1]);
                }

                i++;
                continue;
            }

            if (c <= ' ' || char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c)
                || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.SpaceSeparator
                    or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse)
            {
                return c;
            }
        }

        return null;
    }

    private static TargetParse TooLong(int maxLength) =>
        TargetParse.Refused(TargetProblem.TooLong, $"must be at most {maxLength} characters.");

    private static bool IsSchemeName(string scheme)
    {
        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return char.IsAsciiLetter(scheme[0]);
    }

    /// <summary>Splits host and port; the port, when given, is ASCII digits from 1 to 65535 (an empty one is the default).</summary>
    private static bool SplitPort(ReadOnlySpan<char> authority, out ReadOnlySpan<char> host, out int? port)
    {
        port = null;
        var close = authority.StartsWith('[') ? authority.IndexOf(']') : -1;
        var colon = close >= 0
            ? (close + 1 < authority.Length ? close + 1 : -1)
            : authority.IndexOf(':');
        host = colon < 0 ? authority : authority[..colon];
        if (colon < 0)
        {
            return true;
        }

        if (authority[colon] != ':')
        {
            return false;
        }

        var digits = authority[(colon + 1)..].TrimStart('0');
        if (authority.Length == colon + 1)
        {
            return true;
        }

        if (digits.Length is 0 or > 5 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value is < 1 or > 65535)
        {
            return false;
        }

        port = value;
        return true;
    }
}
