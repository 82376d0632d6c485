using Hop.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Hop.IntegrationTests.Safety;

/// <summary>
/// Abuse reports on a fake clock (the actions' times are exact), with <c>X-Test-Ip</c> as the client
/// address so each report can come from a reporter of its own, a small per-IP limit, a warning after
/// two reporters, and the shared Redis as L2, so a warning or a disabled link must leave both levels.
/// </summary>
public sealed class AbuseReporting : HostProfile
{
    public const int ReportsPerHour = 3;
    public const int ReportsBeforeWarning = 2;

    internal override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("RateLimits:ReportsPerHour", ReportsPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Safety:ReportsBeforeWarning", ReportsBeforeWarning.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Cache:Redis", TestServers.Redis),
    ];

    internal override bool UsesFakeClock => true;

    internal override void Configure(IWebHostBuilder builder, HopHost host) => builder.AddTestClientIp();
}
