namespace Hop.Safety.Targets;

internal static class TargetServices
{
    public static void AddTargetPolicy(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IHostResolver, DnsHostResolver>();
        builder.Services.AddSingleton<TargetPolicy>();
    }
}
