using Hop.IntegrationTests.Infrastructure;

namespace Hop.IntegrationTests.Security;

/// <summary>/metrics for 127.0.0.1 alone, behind the trusted proxy 10.0.0.1 (whose X-Forwarded-For and -Proto are believed).</summary>
public sealed class MetricsNetworks : HostProfile
{
    internal override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Observability:MetricsNetworks:0", "127.0.0.1/32"),
        new("Network:TrustedProxies:0", "10.0.0.1"),
    ];
}
