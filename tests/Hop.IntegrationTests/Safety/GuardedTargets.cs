using Hop.IntegrationTests.Infrastructure;

namespace Hop.IntegrationTests.Safety;

/// <summary>The defaults, with the default domain's host known: Links:PublicBaseUrl.</summary>
public sealed class GuardedTargets : HostProfile
{
    internal override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Links:PublicBaseUrl", "https://hop.example.net"),
    ];
}
