using Hop.Clicks.Pacing;
using Hop.Clicks.Writing;
using Hop.Observability;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hop.Clicks;

internal static class ClickServices
{
    /// <summary>
    /// The web app's side: the recorder and queue the redirect handler uses, and the pump that moves
    /// events to the configured transport. In-process, the batch writer and the retention job run here;
    /// with RabbitMQ they run in <c>hop worker</c>.
    /// </summary>
    public static void AddClicks(this IHostApplicationBuilder builder)
    {
        var transport = AddClickCore(builder);
        builder.Services.AddSingleton<ClickQueue>();
        builder.Services.AddSingleton<ClickRecorder>();
        if (transport == ClickTransportKind.RabbitMq)
        {
            builder.Services.AddSingleton<IClickTransport, RabbitMqClickTransport>();
        }
        else
        {
            builder.Services.AddSingleton<IClickTransport, InProcessClickTransport>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<ClickRetention>());
        }

        // A PostgreSQL writer spends most of its CPU in the database's processes, out of the lanes' reach.
        builder.Services.AddSingleton<HostCpu>();
        builder.Services.AddSingleton(sp =>
            transport == ClickTransportKind.InProcess && sp.GetService<SqliteClickConnection>() is null
                ? new SaturationPause(
                    sp.GetRequiredService<HostCpu>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<HopMetrics>())
                : SaturationPause.Never);
        builder.Services.AddHostedService<ClickPump>();
    }

    /// <summary><c>hop worker</c>: consumes click events from RabbitMQ and writes them.</summary>
    public static void AddClickWorker(this IHostApplicationBuilder builder)
    {
        AddClickCore(builder);
        builder.Services.AddHostedService<RabbitMqClickConsumer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ClickRetention>());
    }

    private static ClickTransportKind AddClickCore(IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClickOptions>()
            .BindConfiguration(ClickOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<VisitorSalts>();
        builder.Services.AddSingleton<ClickEnricher>();
        builder.Services.AddSingleton<ClickLiveFeed>();
        builder.Services.AddSingleton<ClickBatchWriter>();
        builder.Services.AddSingleton<ClickRetention>();
        builder.Services.TryAddSingleton<HopMetrics>();
        return builder.Configuration.GetSection(ClickOptions.Section).Get<ClickOptions>()?.Transport
               ?? ClickTransportKind.InProcess;
    }
}
