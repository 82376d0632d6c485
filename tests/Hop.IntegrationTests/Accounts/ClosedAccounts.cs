using Hop.IntegrationTests.Infrastructure;

namespace Hop.IntegrationTests.Accounts;

/// <summary>Registration closed; the first-run setup token is made on both providers.</summary>
public sealed class ClosedAccounts : HostProfile
{
    internal override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("Accounts:Registration", "closed"), new("Accounts:FirstRunSetup", "true")];
}
