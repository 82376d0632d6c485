namespace Hop.Safety.Reports;

internal sealed record ReportActionResponse
{
    public required long Id { get; init; }
    public required string Action { get; init; }
    public required long AdminUserId { get; init; }
    public required DateTime At { get; init; }
    public string? Note { get; init; }

    public static ReportActionResponse From(AbuseReportAction action) => new()
    {
        Id = action.Id,
        Action = action.Action,
        AdminUserId = action.AdminUserId,
        At = action.At,
        Note = action.Note,
    };
}
