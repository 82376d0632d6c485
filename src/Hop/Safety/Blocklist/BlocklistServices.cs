namespace Hop.Safety.Blocklist;

internal static class BlocklistServices
{
    public static void AddBlocklist(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BlocklistIndex>();
        builder.Services.AddScoped<BlocklistEditor>();
    }

    public static void MapBlocklist(this WebApplication app)
    {
    }
}
