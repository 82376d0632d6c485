namespace Hop.Safety.Reports;

/// <summary>The body of <c>POST /api/v1/reports</c>, and what the report form posts.</summary>
internal sealed record CreateReportRequest
{
    /// <summary>The full short URL, or just its code.</summary>
    public string? ShortUrl { get; init; }
    public string? Reason { get; init; }
    public string? Details { get; init; }
    public string? ContactEmail { get; init; }
}
