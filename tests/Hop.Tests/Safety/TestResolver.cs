using System.Net;
using Hop.Safety.Targets;

namespace Hop.Tests.Safety;

/// <summary>Names the test gives addresses to; every other name does not resolve.</summary>
internal sealed class TestResolver : IHostResolver
{
    public Dictionary<string, IPAddress[]> Names { get; } = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<IPAddress>> ResolveAsync(string name, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<IPAddress>>(Names.TryGetValue(name, out var addresses) ? addresses : []);
}
