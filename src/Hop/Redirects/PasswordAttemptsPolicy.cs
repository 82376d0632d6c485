using System.Globalization;
using System.Threading.RateLimiting;
using Hop.Pages.Redirects;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Hop.Redirects;

/// <summary>A fixed one-minute window of attempts per client IP and link code.</summary>
internal sealed partial class PasswordAttemptsPolicy(IOptions<RedirectOptions> options, ILogger<PasswordAttemptsPolicy> logger)
    : IRateLimiterPolicy<string>
{
    public const string Name = "link-password";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var ip = httpContext.Connection.RemoteIpAddress?.ToString() ?? "-";
        var code = httpContext.Request.RouteValues["code"] as string ?? "";
        var permits = options.Value.PasswordAttemptsPerMinute;
        return RateLimitPartition.GetFixedWindowLimiter($"{ip} {code}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        AttemptsLimited(logger, http.Request.RouteValues["code"] as string ?? "");
        await VisitorPages.WriteMessageAsync(http, StatusCodes.Status429TooManyRequests, "Too many attempts",
            "Too many password attempts for this link. Wait a minute and try again.");
    }

    [LoggerMessage(EventId = 611, Level = LogLevel.Warning, Message = "Password attempts for link {Code} are being rate-limited")]
    private static partial void AttemptsLimited(ILogger logger, string code);
}
