namespace Hop.Safety.Reports;

internal sealed record CreatedReportResponse
{
    public required long Id { get; init; }
    public required string Status { get; init; }
}
