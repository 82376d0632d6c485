using System.Net;

namespace Hop.Safety.Targets;

/// <summary>
/// Looks a target's name up in DNS for Safety:ResolveHosts: the seam between the system resolver
/// (<see cref="DnsHostResolver"/>) and the tests' own, since no public name resolves on a test machine.
/// </summary>
internal interface IHostResolver
{
    /// <summary>Every address of <paramref name="name"/>; empty when it does not resolve (in time). Never throws for a name that does not resolve.</summary>
    Task<IReadOnlyList<IPAddress>> ResolveAsync(string name, CancellationToken ct);
}
