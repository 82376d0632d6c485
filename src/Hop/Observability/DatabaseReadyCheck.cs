using Hop.Redirects;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hop.Observability;

/// <summary>The links database answers a query (through the redirect path's own reader).</summary>
internal sealed class DatabaseReadyCheck(LinkReader reader) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await reader.PingAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or OperationCanceledException or TimeoutException
                                       or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            return HealthCheckResult.Unhealthy($"database unreachable: {e.GetType().Name}");
        }
    }
}
