using System.Net;
using Hop.IntegrationTests.Infrastructure;
using Hop.Safety.Targets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hop.IntegrationTests.Safety;

/// <summary>
/// Safety:ResolveHosts on, shorteners allowed, and the names below in place of DNS (no public name
/// resolves on a test machine): every other name does not resolve.
/// </summary>
public sealed class ResolvedTargets : HostProfile
{
    internal static readonly Dictionary<string, IPAddress[]> Names = new(StringComparer.Ordinal)
    {
        ["example.com"] = [IPAddress.Parse("93.184.216.34")],
        ["public.example.com"] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("2606:2800:220:1::1")],
        ["internal.example.com"] = [IPAddress.Parse("10.0.0.1")],
        ["mixed.example.com"] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("fd00::1")],
        ["127.0.0.1.nip.io"] = [IPAddress.Parse("127.0.0.1")],
        ["bit.ly"] = [IPAddress.Parse("67.199.248.10")],
    };

    internal override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Safety:ResolveHosts", "true"),
        new("Safety:AllowShorteners", "true"),
    ];

    internal override void Configure(IWebHostBuilder builder, HopHost host) =>
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<IHostResolver>(new NamesResolver())));

    private sealed class NamesResolver : IHostResolver
    {
        public Task<IReadOnlyList<IPAddress>> ResolveAsync(string name, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<IPAddress>>(Names.TryGetValue(name, out var addresses) ? addresses : []);
    }
}
