namespace Hop.Safety.Reports;

internal sealed record ReportResponse
{
    public required long Id { get; init; }
    public required string Code { get; init; }
    public required string Reason { get; init; }
    public string? Details { get; init; }
    public string? ContactEmail { get; init; }
    public required string ReporterKey { get; init; }
    public required string Status { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required ReportedLinkResponse Link { get; init; }
    public required IReadOnlyList<ReportActionResponse> Actions { get; init; }
}
