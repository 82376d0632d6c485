using System.ComponentModel.DataAnnotations;

namespace Hop.Redirects;

internal sealed class RedirectOptions
{
    public const string Section = "Redirects";

    /// <summary>How long browsers and proxies may keep a permanent (301/308) redirect.</summary>
    [Range(0, 31_536_000)]
    public int PermanentMaxAgeSeconds { get; set; } = 3600;

    /// <summary>Password attempts allowed per client IP and link in a minute.</summary>
    [Range(1, 10_000)]
    public int PasswordAttemptsPerMinute { get; set; } = 5;

    private string? _publicCacheControl;

    /// <summary>The header value for a permanent redirect, built once for the configured age.</summary>
    public string PublicCacheControl(long maxAge) =>
        maxAge == PermanentMaxAgeSeconds
            ? _publicCacheControl ??= Format(maxAge)
            : Format(maxAge);

    private static string Format(long maxAge) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"public, max-age={maxAge}");
}
