using Hop.Clicks.Stats;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hop.Observability;

/// <summary>What the admin status page shows about this instance, read at one moment.</summary>
internal sealed record InstanceStatus
{
    public required string Version { get; init; }
    public required string DatabaseProvider { get; init; }
    public required string ClicksDatabaseProvider { get; init; }

    /// <summary>How long a trivial query on the links database took; null when it failed.</summary>
    public required TimeSpan? DatabaseLatency { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required TimeSpan Uptime { get; init; }
    public required CacheLookups Cache { get; init; }
    public required bool RedisConfigured { get; init; }
    public required ClickAccountingResponse Clicks { get; init; }

    /// <summary>The checks of <c>/readyz</c> (database, Redis when configured, any other dependency registered).</summary>
    public required HealthReport Readiness { get; init; }
}
