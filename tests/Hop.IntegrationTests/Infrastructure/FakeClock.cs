namespace Hop.IntegrationTests.Infrastructure;

/// <summary>The defaults on a fake clock, for tests where time is the subject (expiry, retention).</summary>
public sealed class FakeClock : HostProfile
{
    internal override bool UsesFakeClock => true;
}
