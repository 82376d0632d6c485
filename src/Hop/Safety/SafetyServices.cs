using Hop.Safety.Blocklist;
using Hop.Safety.Reports;
using Hop.Safety.Targets;

namespace Hop.Safety;

/// <summary>The target policy, the blocklist and abuse reports.</summary>
internal static class SafetyServices
{
    public static void AddSafety(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SafetyOptions>()
            .BindConfiguration(SafetyOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.AddTargetPolicy();
        builder.AddBlocklist();
        builder.AddAbuseReports();
    }

    public static void MapSafety(this WebApplication app)
    {
        app.MapBlocklist();
        app.MapAbuseReports();
    }
}
