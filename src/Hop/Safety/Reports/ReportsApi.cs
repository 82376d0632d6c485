using Hop.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hop.Safety.Reports;

/// <summary>
/// <c>POST /api/v1/reports</c> for anyone, limited per client IP; the queue and its actions under
/// <c>/api/v1/admin/reports</c> on the admin group.
/// </summary>
internal static class ReportsApi
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

    public static void MapReportsApi(this WebApplication app)
    {
        app.MapPost("/api/v1/reports", CreateAsync)
            .WithTags("Reports")
            .WithSummary("Report an abusive short link (no credentials needed)")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.ReportsPolicy);

        var admin = app.MapAdminGroup();
        admin.MapGet("/reports", ListAsync).WithSummary("List abuse reports, newest first");
        admin.MapGet("/reports/{id:long}", GetAsync).WithSummary("Read one abuse report with the actions taken");
        admin.MapPost("/reports/{id:long}/actions", ActAsync)
            .WithSummary("Act on an abuse report: dismiss, disable-link, block-domain or disable-owner");
    }

    private static async Task<Results<Accepted<CreatedReportResponse>, ValidationProblem>> CreateAsync(
        CreateReportRequest request, AbuseReports reports, HttpContext http, CancellationToken ct)
    {
        var submitted = await reports.SubmitAsync(request, http.Request, RateLimits.ClientIp(http), ct);
        return submitted.Id is { } id
            ? TypedResults.Accepted((string?)null, new CreatedReportResponse { Id = id, Status = ReportStatus.Open })
            : TypedResults.ValidationProblem(submitted.Errors);
    }

    private static async Task<Results<Ok<Page<ReportResponse>>, ValidationProblem>> ListAsync(
        ReportQueue queue, string? status, long? after, int? limit, CancellationToken ct)
    {
        if (status is not null && !ReportStatus.All.Contains(status, StringComparer.Ordinal))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["status"] = [$"status must be one of: {string.Join(", ", ReportStatus.All)}."],
            });
        }

        return TypedResults.Ok(await queue.ListAsync(status, after, Math.Clamp(limit ?? DefaultPageSize, 1, MaxPageSize), ct));
    }

    private static async Task<Results<Ok<ReportResponse>, ProblemHttpResult>> GetAsync(long id, ReportQueue queue, CancellationToken ct) =>
        await queue.FindAsync(id, ct) is { } report ? TypedResults.Ok(report) : ReportQueue.ReportNotFound(id);

    private static Task<Results<Ok<ReportResponse>, ValidationProblem, ProblemHttpResult>> ActAsync(
        long id, ReportActionRequest request, ReportQueue queue, HttpContext http, CancellationToken ct) =>
        queue.ActAsync(id, request, Caller.From(http.User).UserId!.Value, ct);
}
