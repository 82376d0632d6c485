namespace Hop.Safety.Targets;

internal static class TargetServices
{
    public static void AddTargetPolicy(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SafetyOptions>()
            .BindConfiguration(SafetyOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IHostResolver, DnsHostResolver>();
        builder.Services.AddSingleton<TargetPolicy>();
    }
}
