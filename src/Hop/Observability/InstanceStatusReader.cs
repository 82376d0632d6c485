using System.Reflection;
using Hop.Clicks;
using Hop.Clicks.Stats;
using Hop.Clicks.Writing;
using Hop.Data;
using Hop.Redirects;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Hop.Observability;

/// <summary>
/// Gathers <see cref="InstanceStatus"/> from what already measures it: the readiness checks of
/// <c>/readyz</c>, the redirect path's database ping, the metrics' cache counters and the click accounting
/// of <c>GET /api/v1/admin/clicks</c>.
/// </summary>
internal sealed class InstanceStatusReader(
    HealthCheckService health, LinkReader reader, LinkCache cache, HopMetrics metrics, Uptime uptime,
    ClickQueue queue, ClicksDbContext clicks, IOptions<ClickOptions> clickOptions, IOptionsMonitor<DatabaseOptions> databases,
    TimeProvider time)
{
    private static readonly string AppVersion = ShortVersion(
        typeof(InstanceStatusReader).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(InstanceStatusReader).Assembly.GetName().Version?.ToString()
        ?? "unknown");

    public async Task<InstanceStatus> ReadAsync(CancellationToken ct)
    {
        var readiness = await health.CheckHealthAsync(c => c.Tags.Contains(ObservabilityServices.ReadyTag), ct);
        return new InstanceStatus
        {
            Version = AppVersion,
            DatabaseProvider = databases.CurrentValue.Provider.ToString(),
            ClicksDatabaseProvider = databases.Get(DatabaseOptions.ClicksSection).Provider.ToString(),
            DatabaseLatency = await PingAsync(ct),
            StartedAt = uptime.StartedAt,
            Uptime = uptime.Elapsed,
            Cache = metrics.CacheLookups,
            RedisConfigured = cache.RedisConfigured,
            Clicks = await ClickAccounting.ReadAsync(queue, clicks, clickOptions, ct),
            Readiness = readiness,
        };
    }

    /// <summary>The version with its commit shortened to 12 characters, as people quote one.</summary>
    private static string ShortVersion(string version) =>
        version.IndexOf('+', StringComparison.Ordinal) is var plus and >= 0 && version.Length > plus + 13 ? version[..(plus + 13)] : version;

    /// <summary>The time of the redirect path's own trivial query, after the readiness check has warmed the connection.</summary>
    private async Task<TimeSpan?> PingAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        var started = time.GetTimestamp();
        try
        {
            await reader.PingAsync(timeout.Token);
            return time.GetElapsedTime(started);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or OperationCanceledException or TimeoutException
                                       or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            return null;
        }
    }
}
