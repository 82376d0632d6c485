using Hop.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Hop.IntegrationTests.Accounts;

/// <summary>Open registration, anonymous creation and small limits; X-Forwarded-For is believed from
/// 10.0.0.0/8, so each test gets its own client IP; every log level is kept (and only kept, not printed).</summary>
public sealed class OpenAccounts : HostProfile
{
    internal override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Accounts:Registration", "open"),
        new("Accounts:AnonymousCreate", "true"),
        new("RateLimits:AnonymousCreatesPerMinute", "2"),
        new("RateLimits:LoginAttemptsPerMinute", "3"),
        new("Network:TrustedProxies:0", "10.0.0.0/8"),
        new("Logging:LogLevel:Default", "Trace"),
        new("Logging:LogLevel:Microsoft.AspNetCore", "Trace"),
        new("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Trace"),
    ];

    internal override void Configure(IWebHostBuilder builder, HopHost host) =>
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(host.Logs);
        });
}
