using System.ComponentModel.DataAnnotations;

namespace Hop.Accounts;

internal sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Writes (POST/PUT/PATCH/DELETE under /api) per user, whichever key or session they use.</summary>
    [Range(1, int.MaxValue)]
    public int WritesPerMinute { get; set; } = 120;

    /// <summary>Links created without credentials, per client IP (only when Accounts:AnonymousCreate is on).</summary>
    [Range(1, int.MaxValue)]
    public int AnonymousCreatesPerMinute { get; set; } = 10;

    /// <summary>Password attempts (token, sign-in, registration) per client IP.</summary>
    [Range(1, int.MaxValue)]
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>Abuse reports (API and form together) per client IP.</summary>
    [Range(1, int.MaxValue)]
    public int ReportsPerHour { get; set; } = 10;
}
