using System.Buffers;
using System.Globalization;
using System.Net;
using Hop.Safety.Targets;

namespace Hop.Safety.Blocklist;

/// <summary>
/// What an entry may name, written the way links store it: a domain in lower case punycode without a
/// trailing dot, or a URL normalized by <see cref="TargetUrl.Parse"/>, so that a lookup compares
/// like with like.
/// </summary>
internal static class BlocklistValues
{
    private const int MaxDomainLength = 253;

    private static readonly SearchValues<char> DomainChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-.");

    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <summary>
    /// Suffixes under which anyone may register a name. An entry equal to one would block a whole
    /// registry, so it is refused; single labels (<c>com</c>) are refused for the same reason.
    /// </summary>
    private static readonly HashSet<string> PublicSuffixes = new(StringComparer.Ordinal)
    {
        "co.uk", "org.uk", "me.uk", "ac.uk", "gov.uk", "ltd.uk", "plc.uk", "net.uk",
        "com.au", "net.au", "org.au", "edu.au", "gov.au", "co.nz", "org.nz", "net.nz",
        "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "co.kr", "or.kr", "co.in", "net.in", "org.in",
        "com.br", "net.br", "org.br", "com.cn", "net.cn", "org.cn", "com.tw", "com.hk", "com.sg",
        "com.mx", "com.ar", "com.tr", "com.ru", "co.za", "org.za", "com.ua", "co.il", "com.pl",
        "github.io", "blogspot.com", "herokuapp.com", "appspot.com", "azurewebsites.net",
        "cloudfront.net", "pages.dev", "workers.dev", "netlify.app", "vercel.app", "web.app",
        "firebaseapp.com", "s3.amazonaws.com", "duckdns.org", "no-ip.org", "ddns.net",
    };

    /// <summary>
    /// The normalized domain of <paramref name="text"/> (a leading <c>*.</c> and a trailing dot are
    /// dropped, Unicode becomes punycode), or null with the reason in <paramref name="error"/>.
    /// </summary>
    public static string? NormalizeDomain(ReadOnlySpan<char> text, out string? error)
    {
        text = text.Trim();
        if (text.StartsWith("*."))
        {
            text = text[2..];
        }

        if (text.EndsWith('.'))
        {
            text = text[..^1];
        }

        if (text.IsEmpty)
        {
            error = "is empty.";
            return null;
        }

        string domain;
        if (text.Length <= MaxDomainLength && IsLowerAscii(text))
        {
            domain = text.ToString();
        }
        else
        {
            try
            {
                domain = Idn.GetAscii(text.ToString().ToLowerInvariant());
            }
            catch (ArgumentException)
            {
                error = "is not a valid domain name.";
                return null;
            }
        }

        error = Check(domain);
        return error is null ? domain : null;
    }

    /// <summary>The URL as links store it, or null with the reason in <paramref name="error"/>.</summary>
    public static string? NormalizeUrl(string text, out string? error)
    {
        var parsed = TargetUrl.Parse(text.Trim(), TargetUrl.HardMaxLength);
        var url = parsed.Accepted ? parsed.Url : null;
        error = parsed.Accepted ? null : parsed.Reason;
        if (url is not null && url.Length > BlocklistEntry.MaxValueLength)
        {
            error = $"must be at most {BlocklistEntry.MaxValueLength} characters.";
            return null;
        }

        return url;
    }

    /// <summary>Normalizes a domain, or a URL when the text has a scheme.</summary>
    public static (string? Value, BlocklistKind Kind) Normalize(string text, out string? error) =>
        text.Contains("://", StringComparison.Ordinal)
            ? (NormalizeUrl(text, out error), BlocklistKind.Url)
            : (NormalizeDomain(text, out error), BlocklistKind.Domain);

    private static bool IsLowerAscii(ReadOnlySpan<char> text) => !text.ContainsAnyExcept(DomainChars);

    private static string? Check(string domain)
    {
        if (domain.Length > MaxDomainLength || domain.AsSpan().ContainsAnyExcept(DomainChars))
        {
            return "is not a valid domain name.";
        }

        if (IPAddress.TryParse(domain, out _) || domain.AsSpan(domain.LastIndexOf('.') + 1).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            return "is an IP address; block a domain or an exact URL.";
        }

        var labels = 0;
        foreach (var range in domain.AsSpan().Split('.'))
        {
            var label = domain.AsSpan(range);
            if (label.IsEmpty || label.Length > 63 || label[0] == '-' || label[^1] == '-')
            {
                return "is not a valid domain name.";
            }

            labels++;
        }

        return labels < 2 || PublicSuffixes.Contains(domain)
            ? "is a public suffix; block a domain registered under it."
            : null;
    }
}
