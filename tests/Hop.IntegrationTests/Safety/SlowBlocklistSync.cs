using Hop.IntegrationTests.Infrastructure;

namespace Hop.IntegrationTests.Safety;

/// <summary>No Redis and an hour between change checks: the instance learns of entries added elsewhere only when a test syncs it.</summary>
public sealed class SlowBlocklistSync : HostProfile
{
    internal override IEnumerable<KeyValuePair<string, string>> Settings => [new("Blocklist:PollInterval", "01:00:00")];
}
