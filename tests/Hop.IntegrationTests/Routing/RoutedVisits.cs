using Hop.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Hop.IntegrationTests.Routing;

/// <summary>
/// Redirect rules on a fake clock (time windows are exact), with <c>X-Test-Ip</c> as the client
/// address, <c>X-Country</c> as the proxy's country header, and the shared Redis as L2, so every
/// decision is made from a link that went through Redis as well as from the database.
/// </summary>
public sealed class RoutedVisits : HostProfile
{
    public const string CountryHeader = "X-Country";

    internal override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Clicks:CountryHeader", CountryHeader),
        new("Cache:Redis", TestServers.Redis),
    ];

    internal override bool UsesFakeClock => true;

    internal override void Configure(IWebHostBuilder builder, HopHost host) => builder.AddTestClientIp();
}
