using Hop.IntegrationTests.Infrastructure;

namespace Hop.IntegrationTests.Safety;

/// <summary>The defaults, with Hop's own hosts known: Links:PublicBaseUrl and two more in Safety:OwnHosts.</summary>
public sealed class GuardedTargets : HostProfile
{
    internal override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Links:PublicBaseUrl", "https://hop.example.net"),
        new("Safety:OwnHosts:0", "s.example.org"),
        new("Safety:OwnHosts:1", "203.0.114.9"),
    ];
}
