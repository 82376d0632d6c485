using Hop.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Hop.IntegrationTests.Clicks;

/// <summary>Settings that make the click pipeline quick to observe, and <c>X-Test-Ip</c> as the client address.</summary>
public class FastClicks : HostProfile
{
    internal override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Clicks:BatchSize", "50"),
        new("Clicks:FlushInterval", "00:00:00.100"),
        new("Clicks:CountryHeader", "CF-IPCountry"),
    ];

    internal override void Configure(IWebHostBuilder builder, HopHost host) => builder.AddTestClientIp();
}
