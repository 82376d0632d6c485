using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Hop.Accounts;

/// <summary>
/// Limits behind the standard ASP.NET Core rate limiter, shared by every instance through Redis when
/// <c>Cache:Redis</c> is set and each instance's own otherwise or while Redis is down (<see cref="SharedRateLimits"/>):
/// every write under <c>/api</c> and the home page's shorten form per user (or per client IP when anonymous), and password attempts per IP.
/// A refusal is 429 ProblemDetails with <c>Retry-After</c>.
/// </summary>
internal static class RateLimits
{
    /// <summary>Endpoints that check a password or a one-time token: sign-in, token, registration.</summary>
    public const string LoginPolicy = "login";

    /// <summary>Abuse reports, through the API and the form alike.</summary>
    public const string ReportsPolicy = "reports";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static void AddRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SharedRateLimits>();
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(WritePartition);
            // A page with a sign-in or registration form is read with GET: only the POST is an attempt.
            options.AddPolicy(LoginPolicy, http => IsRead(http.Request) ? RateLimitPartition.GetNoLimiter("") : PerMinute(
                http, "login:" + ClientIp(http), Limits(http).LoginAttemptsPerMinute));
            // Only sending counts: the report form's page shares the policy, and reading it costs nothing.
            options.AddPolicy(ReportsPolicy, http => HttpMethods.IsPost(http.Request.Method)
                ? PerWindow(http, "reports:" + ClientIp(http), Limits(http).ReportsPerHour, TimeSpan.FromHours(1))
                : RateLimitPartition.GetNoLimiter(""));
        });
    }

    /// <summary>The client's address; X-Forwarded-For counts only from a trusted proxy (see Network:TrustedProxies).</summary>
    public static string ClientIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static RateLimitPartition<string> WritePartition(HttpContext http)
    {
        var request = http.Request;
        // The home page's shorten form creates links as the API does, so it shares the API's limits.
        if (IsRead(request) || !(request.Path.StartsWithSegments("/api") || request.Path == "/") || request.Path.StartsWithSegments("/api/v1/auth"))
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var limits = Limits(http);
        return Caller.From(http.User).UserId is { } userId
            ? PerMinute(http, "user:" + userId.ToString(CultureInfo.InvariantCulture), limits.WritesPerMinute)
            : PerMinute(http, "anonymous:" + ClientIp(http), limits.AnonymousCreatesPerMinute);
    }

    private static bool IsRead(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method);

    private static RateLimitPartition<string> PerMinute(HttpContext http, string key, int permits) => PerWindow(http, key, permits, Window);

    /// <summary>Shared by every instance through Redis when the cache has it (<see cref="SharedRateLimits"/>),
    /// else this instance's own fixed window.</summary>
    private static RateLimitPartition<string> PerWindow(HttpContext http, string key, int permits, TimeSpan window) =>
        http.RequestServices.GetRequiredService<SharedRateLimits>().Partition(key, permits, window);

    private static RateLimitOptions Limits(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var detail = $"Slow down; try again in {seconds} seconds.";
        if (!http.Request.Path.StartsWithSegments("/api") && http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            // A person at a form gets a page, not JSON.
            await Pages.Public.PublicPages.WriteMessageAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests", detail);
            return;
        }

        await TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            detail: detail).ExecuteAsync(http);
    }
}
