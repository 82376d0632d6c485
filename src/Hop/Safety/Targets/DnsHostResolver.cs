using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Hop.Safety.Targets;

/// <summary>The system resolver (<see cref="Dns"/>), bounded by Safety:ResolveTimeout.</summary>
internal sealed partial class DnsHostResolver(IOptions<SafetyOptions> options, ILogger<DnsHostResolver> logger) : IHostResolver
{
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string name, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.ResolveTimeout);
        try
        {
            return await Dns.GetHostAddressesAsync(name, timeout.Token);
        }
        catch (SocketException e)
        {
            LogNotResolved(logger, name, e.SocketErrorCode.ToString());
            return [];
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            LogNotResolved(logger, name, "timed out");
            return [];
        }
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Target host {Name} did not resolve ({Error}); the target is refused")]
    private static partial void LogNotResolved(ILogger logger, string name, string error);
}
