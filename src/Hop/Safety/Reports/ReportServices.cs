namespace Hop.Safety.Reports;

internal static class ReportServices
{
    public static void AddAbuseReports(this WebApplicationBuilder builder)
    {
    }

    public static void MapAbuseReports(this WebApplication app)
    {
    }
}
