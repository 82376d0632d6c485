using Hop.Clicks.Stats;
using Hop.Clicks.Writing;
using Hop.Data;
using Hop.Observability;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hop.Clicks;

/// <summary>
/// The click pipeline's services. Each choice between backends is made here, once, from validated
/// options (factories, so that a bad value is reported by ValidateOnStart with every other error): the
/// transport from <see cref="ClickOptions.Transport"/>, and the visit store, retention and compaction from
/// the provider of the clicks database (<c>Clicks:Database</c> when it names a connection string, else
/// <c>Database</c>).
/// </summary>
internal static class ClickServices
{
    /// <summary>
    /// The web app's side: the recorder and queue the redirect handler uses, and the pump that moves
    /// events to the configured transport. In-process, the batch writer and the retention job run here;
    /// with RabbitMQ they run in <c>hop worker</c>.
    /// </summary>
    public static void AddClicks(this IHostApplicationBuilder builder)
    {
        AddClickCore(builder);
        var services = builder.Services;
        services.AddSingleton<ClickQueue>();
        services.AddSingleton<ClickRecorder>();
        services.AddSingleton<IClickTransport>(sp => Clicks(sp).Transport switch
        {
            ClickTransportKind.RabbitMq => ActivatorUtilities.CreateInstance<RabbitMqClickTransport>(sp),
            _ => ActivatorUtilities.CreateInstance<InProcessClickTransport>(sp),
        });
        // Raw visits are pruned, and the counters of closed days compacted, where they are written.
        services.AddSingleton<IHostedService>(sp => Clicks(sp).Transport switch
        {
            ClickTransportKind.RabbitMq => InAnotherProcess.Instance,
            _ => sp.GetRequiredService<ClickRetention>(),
        });
        services.AddSingleton<IHostedService>(sp => Clicks(sp).Transport switch
        {
            ClickTransportKind.RabbitMq => InAnotherProcess.Instance,
            _ => sp.GetRequiredService<ClickCompaction>(),
        });

        services.AddHostedService<ClickPump>();
    }

    /// <summary><c>hop worker</c>: consumes click events from RabbitMQ and writes them.</summary>
    public static void AddClickWorker(this IHostApplicationBuilder builder)
    {
        AddClickCore(builder);
        builder.Services.AddHostedService<RabbitMqClickConsumer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ClickRetention>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ClickCompaction>());
    }

    private static void AddClickCore(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ClickOptions>()
            .BindConfiguration(ClickOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IVisitStore>(sp => ClicksDatabase(sp) switch
        {
            { Provider: DatabaseProvider.Postgres } => ActivatorUtilities.CreateInstance<PostgresVisitStore>(sp),
            var sqlite => new SqliteVisitStore(sqlite.EffectiveConnectionString, sp.GetRequiredService<TimeProvider>()),
        });
        services.AddSingleton<VisitorSalts>();
        services.AddSingleton<ClickEnricher>();
        services.AddSingleton<VisitorCountries>();
        services.AddSingleton<ClickLiveFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<ClickLiveFeed>());
        services.AddSingleton<LinkOwners>();
        services.AddSingleton<RawVisitSampler>();
        services.AddSingleton<KnownVisitors>();
        services.AddSingleton<ClickBatchWriter>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ClickRetention>(sp, ClicksDatabase(sp).Provider));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ClickCompaction>(sp, ClicksDatabase(sp).Provider));
        services.TryAddSingleton<HopMetrics>();
    }

    private static ClickOptions Clicks(IServiceProvider sp) => sp.GetRequiredService<IOptions<ClickOptions>>().Value;

    /// <summary>The clicks database's options, named <see cref="DatabaseOptions.ClicksSection"/> (see AddData).</summary>
    private static DatabaseOptions ClicksDatabase(IServiceProvider sp) =>
        sp.GetRequiredService<IOptionsMonitor<DatabaseOptions>>().Get(DatabaseOptions.ClicksSection);

    /// <summary>Stands in for a hosted service that runs in <c>hop worker</c> instead.</summary>
    private sealed class InAnotherProcess : IHostedService
    {
        public static readonly InAnotherProcess Instance = new();

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
