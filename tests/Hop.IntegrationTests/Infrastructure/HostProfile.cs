using Microsoft.AspNetCore.Hosting;

namespace Hop.IntegrationTests.Infrastructure;

/// <summary>
/// What a <see cref="HopHost"/> runs the app with on top of the settings every host has: more settings,
/// a fake clock, and whatever services or logging settings cannot express. One instance serves one host
/// (or the instances of one <see cref="HopInstances"/>), so it may hold names of its own.
/// </summary>
public abstract class HostProfile
{
    /// <summary>Applied in order after the common settings, so a later value wins.</summary>
    internal virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    /// <summary>
    /// Whether the app runs on a <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/> that
    /// only the test moves (<see cref="HopHost.Clock"/>). That clock also holds the app's own timers:
    /// the click flush interval, the hourly jobs and every retry wait only until the test advances it.
    /// </summary>
    internal virtual bool UsesFakeClock => false;

    internal virtual void Configure(IWebHostBuilder builder, HopHost host)
    {
    }
}
