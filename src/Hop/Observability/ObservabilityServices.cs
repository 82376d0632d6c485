using System.Text;
using Hop.Redirects;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Hop.Observability;

/// <summary><c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>.</summary>
internal static class ObservabilityServices
{
    /// <summary>Health checks with this tag decide <c>/readyz</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Seconds; fine enough at the bottom for redirects that take tens of microseconds.</summary>
    private static readonly double[] DurationBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public static void AddObservability(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ObservabilityOptions>().BindConfiguration(ObservabilityOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<MetricsAccess>();
        ListenOnManagementUrls(builder);
        builder.Services.AddSingleton<HopMetrics>();
        builder.Services.AddSingleton<Uptime>();
        builder.Services.AddScoped<InstanceStatusReader>();
        builder.Services.AddReadinessCheck<DatabaseReadyCheck>("database");
        builder.Services.AddOptions<HealthCheckServiceOptions>().Configure<IOptions<CacheOptions>>((health, cache) =>
        {
            // Degraded, not unhealthy: redirects keep working without Redis, so an outage of it must not
            // take every instance out of the load balancer.
            if (!string.IsNullOrEmpty(cache.Value.Redis))
            {
                health.Registrations.Add(new HealthCheckRegistration(
                    "redis", sp => ActivatorUtilities.CreateInstance<RedisReadyCheck>(sp), HealthStatus.Degraded, [ReadyTag]));
            }
        });

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
        // Resolved now, so that the status page's uptime counts from start-up rather than its first view.
        _ = app.Services.GetRequiredService<Uptime>();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .ExcludeFromDescription();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .ExcludeFromDescription();
        MetricsAccess? access = null;
        app.MapPrometheusScrapingEndpoint("/metrics").ExcludeFromDescription().Add(endpoint =>
        {
            var scrape = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = http =>
            {
                if ((access ??= app.Services.GetRequiredService<MetricsAccess>()).Allows(http.Connection))
                {
                    return scrape(http);
                }

                // As if nothing were here: the status code pages write the same 404 as for an unknown route.
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>
    /// Adds the management addresses to the ones Kestrel listens on (<c>urls</c>, or Hop's default).
    /// Read from configuration while the host is built, since the addresses are fixed before it starts;
    /// the options check reports a malformed one. With <c>Kestrel:Endpoints</c> configured, Kestrel
    /// ignores <c>urls</c>, so the management address goes among those endpoints instead.
    /// </summary>
    private static void ListenOnManagementUrls(WebApplicationBuilder builder)
    {
        var management = builder.Configuration[$"{ObservabilityOptions.Section}:{nameof(ObservabilityOptions.ManagementUrls)}"];
        if (ObservabilityOptions.Split(management).Any())
        {
            var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } configured ? configured : Hosting.HopConfiguration.DefaultUrl;
            builder.WebHost.UseUrls([.. ObservabilityOptions.Split(urls), .. ObservabilityOptions.Split(management)]);
        }
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
