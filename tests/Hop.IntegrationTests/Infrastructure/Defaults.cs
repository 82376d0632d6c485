namespace Hop.IntegrationTests.Infrastructure;

/// <summary>The app's own defaults (registration by invite, in-process clicks, no Redis), on the system clock.</summary>
public sealed class Defaults : HostProfile;
