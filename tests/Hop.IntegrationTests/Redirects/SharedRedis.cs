using Hop.IntegrationTests.Infrastructure;

namespace Hop.IntegrationTests.Redirects;

/// <summary>
/// The shared Redis (HOP_TEST_REDIS) as L2 and invalidation channel. A remembered 404 is kept as long as
/// a found link (five minutes, far beyond any wait of the tests), so a change that another instance
/// sees within a test reached it as an invalidation, not through an expiry. The cache's Redis events
/// are kept in <see cref="HopHost.Logs"/>, so a test can tell when a lost connection is back.
/// </summary>
public sealed class SharedRedis : HostProfile
{
    internal override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Cache:Redis", TestServers.Redis),
        new("Cache:Ttl", "00:05:00"),
        new("Cache:NegativeTtl", "00:05:00"),
        new("Logging:LogLevel:Hop.Redirects.LinkCache", "Information"),
    ];
}
