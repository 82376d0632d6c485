namespace Hop.Safety.Reports;

/// <summary>Abuse reports: the public API and form take them, the admin queue acts on them.</summary>
internal static class ReportServices
{
    public static void AddAbuseReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReporterKeys>();
        builder.Services.AddScoped<AbuseReports>();
        builder.Services.AddScoped<ReportQueue>();
    }

    public static void MapAbuseReports(this WebApplication app) => app.MapReportsApi();
}
