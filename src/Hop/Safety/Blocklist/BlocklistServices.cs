namespace Hop.Safety.Blocklist;

internal static class BlocklistServices
{
    public static void AddBlocklist(this WebApplicationBuilder builder)
    {
        builder.Services.AddBlocklistCore();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BlocklistSync>());
        builder.Services.AddSingleton<BlocklistImportJobs>();
    }

    /// <summary>Everything but the start-up load and the change checks: what the CLI verbs need too.</summary>
    public static IServiceCollection AddBlocklistCore(this IServiceCollection services)
    {
        services.AddOptions<BlocklistOptions>()
            .BindConfiguration(BlocklistOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<BlocklistIndex>();
        services.AddSingleton<BlocklistSync>();
        services.AddSingleton(BlocklistBulkWriter.Create);
        services.AddScoped<BlocklistEditor>();
        return services;
    }

    public static void MapBlocklist(this WebApplication app) => app.MapBlocklistApi();
}
