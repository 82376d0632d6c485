namespace Hop.Safety;

/// <summary>The first gate for a link's target: a well-formed absolute http(s) URL and nothing else.</summary>
internal static class TargetUrl
{
    public const int MaxLength = 2048;

    /// <summary>The most any setting may allow, and the width of the stored column.</summary>
    public const int HardMaxLength = 8192;

    /// <summary>Returns the normalized URL, or null with the reason in <paramref name="error"/>.</summary>
    public static string? Normalize(string? text, out string? error)
    {
        error = Check(text, out var uri);
        if (error is not null || uri is null)
        {
            return null;
        }

        // Hosts are kept as punycode so that a look-alike Unicode host is visible as what it is.
        var normalized = uri.Host == uri.IdnHost
            ? uri.AbsoluteUri
            : new UriBuilder(uri) { Host = uri.IdnHost }.Uri.AbsoluteUri;
        if (normalized.Length > MaxLength)
        {
            error = $"must be at most {MaxLength} characters.";
            return null;
        }

        return normalized;
    }

    private static string? Check(string? text, out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrEmpty(text))
        {
            return "is required.";
        }

        if (text.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters.";
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c) || c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF')
            {
                return "must not contain whitespace or control characters.";
            }
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out uri)
            || !(uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            || !text.StartsWith(uri.Scheme + "://", StringComparison.OrdinalIgnoreCase))
        {
            return "must be an absolute http:// or https:// URL.";
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            return "must name a host.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || text.AsSpan(uri.Scheme.Length + 3).IndexOf('@') is var at && at >= 0
            && at < AuthorityEnd(text.AsSpan(uri.Scheme.Length + 3)))
        {
            return "must not contain user info (user@host).";
        }

        return null;
    }

    private static int AuthorityEnd(ReadOnlySpan<char> afterScheme)
    {
        var end = afterScheme.IndexOfAny('/', '?', '#');
        return end < 0 ? afterScheme.Length : end;
    }
}
