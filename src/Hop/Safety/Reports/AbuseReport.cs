namespace Hop.Safety.Reports;

/// <summary>A visitor's report that a link is abusive. The reporter is known only by <see cref="ReporterKey"/>, never by address.</summary>
internal sealed class AbuseReport
{
    public long Id { get; set; }
    public long LinkId { get; set; }
    /// <summary>The link's code, kept with the report so the queue reads without a join.</summary>
    public required string Code { get; set; }
    /// <summary>One of <see cref="ReportReasons.All"/>.</summary>
    public required string Reason { get; set; }
    public string? Details { get; set; }
    /// <summary>An HMAC of the reporter's IP with an installation secret: equal for one reporter, not reversible to the address.</summary>
    public required string ReporterKey { get; set; }
    public string? ContactEmail { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>One of <see cref="ReportStatus"/>'s values.</summary>
    public string Status { get; set; } = ReportStatus.Open;
}
