namespace Hop.Safety.Reports;

/// <summary>The body of <c>POST /api/v1/admin/reports/{id}/actions</c>.</summary>
internal sealed record ReportActionRequest
{
    /// <summary>One of <see cref="ReportActions.All"/>.</summary>
    public string? Action { get; init; }
    public string? Note { get; init; }
}
