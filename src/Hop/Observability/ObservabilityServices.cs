using System.Text;
using Hop.Redirects;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;

namespace Hop.Observability;

/// <summary><c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c> and the production log format.</summary>
internal static class ObservabilityServices
{
    /// <summary>Health checks with this tag decide <c>/readyz</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Seconds; fine enough at the bottom for redirects that take tens of microseconds.</summary>
    private static readonly double[] DurationBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public static void AddObservability(this WebApplicationBuilder builder)
    {
        // JSON lines when a collector reads the output (systemd, containers); plain text for a person
        // at a terminal, e.g. the first-run setup link of `dotnet run`.
        if (builder.Environment.IsProduction() && Console.IsOutputRedirected)
        {
            // Below every other source, so a file or variable can still choose another format.
            builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
            {
                InitialData = new Dictionary<string, string?>
                {
                    ["Logging:Console:FormatterName"] = "json",
                    ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
                    ["Logging:Console:FormatterOptions:TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffZ",
                },
            });
        }

        builder.Services.AddSingleton<HopMetrics>();
        builder.Services.AddReadinessCheck<DatabaseReadyCheck>("database");
        if (!string.IsNullOrEmpty(builder.Configuration[$"{CacheOptions.Section}:{nameof(CacheOptions.Redis)}"]))
        {
            // Degraded, not unhealthy: redirects keep working without Redis, so an outage of it must not
            // take every instance out of the load balancer.
            builder.Services.AddHealthChecks()
                .AddCheck<RedisReadyCheck>("redis", failureStatus: HealthStatus.Degraded, tags: [ReadyTag]);
        }

        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(HopMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
                "Npgsql", "System.Runtime")
            .AddView("http.server.request.duration", new ExplicitBucketHistogramConfiguration { Boundaries = DurationBuckets })
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
    }

    /// <summary>
    /// The registration point for features with a dependency of their own (e.g. the click broker):
    /// the check then takes part in <c>/readyz</c>.
    /// </summary>
    public static IHealthChecksBuilder AddReadinessCheck<T>(this IServiceCollection services, string name)
        where T : class, IHealthCheck =>
        services.AddHealthChecks().AddCheck<T>(name, tags: [ReadyTag]);

    public static void MapObservability(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .ExcludeFromDescription();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .ExcludeFromDescription();
        app.MapPrometheusScrapingEndpoint("/metrics").ExcludeFromDescription();
    }

    /// <summary>The overall status, then one line per check: enough for a person, trivial for a probe.</summary>
    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var text = new StringBuilder().Append(report.Status).Append('\n');
        foreach (var (name, entry) in report.Entries)
        {
            text.Append(name).Append(": ").Append(entry.Status);
            if (entry.Description is { Length: > 0 } description)
            {
                text.Append(" (").Append(description).Append(')');
            }

            text.Append('\n');
        }

        return http.Response.WriteAsync(text.ToString());
    }
}

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

/// <summary>Redis, when configured, is connected and answers PING.</summary>
internal sealed class RedisReadyCheck(LinkCache cache) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (cache.Redis is not { IsConnected: true } redis)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "redis not connected; serving from L1 and the database");
        }

        try
        {
            await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"redis ping failed: {e.GetType().Name}");
        }
    }
}
