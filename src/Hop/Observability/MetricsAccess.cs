using System.Net;
using Hop.Accounts;
using Microsoft.Extensions.Options;

namespace Hop.Observability;

/// <summary>Whether a request may read <c>/metrics</c>: on a management address when there are any, and from an allowed network.</summary>
internal sealed class MetricsAccess
{
    private readonly int[] _managementPorts;
    private readonly IPNetwork[] _networks;
    private readonly IPAddress[] _addresses;

    public MetricsAccess(IOptions<ObservabilityOptions> options)
    {
        var observability = options.Value;
        _managementPorts = [.. observability.Management.Select(m => m.Port)];
        var networks = new List<IPNetwork>();
        var addresses = new List<IPAddress>();
        foreach (var entry in observability.EffectiveMetricsNetworks)
        {
            if (NetworkOptions.TryParse(entry, out var address, out var network))
            {
                if (address is not null)
                {
                    addresses.Add(address);
                }
                else if (network is { } range)
                {
                    networks.Add(range);
                }
            }
        }

        _networks = [.. networks];
        _addresses = [.. addresses];
    }

    public bool Allows(ConnectionInfo connection)
    {
        // The local port is the socket's own, so a Host header cannot reach the management address.
        if (_managementPorts.Length > 0 && Array.IndexOf(_managementPorts, connection.LocalPort) < 0)
        {
            return false;
        }

        if (connection.RemoteIpAddress is not { } client)
        {
            return false;
        }

        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }

        return _networks.Any(n => n.Contains(client)) || _addresses.Any(a => a.Equals(client));
    }
}
