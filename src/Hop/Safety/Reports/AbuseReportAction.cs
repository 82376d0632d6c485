namespace Hop.Safety.Reports;

/// <summary>What an administrator did about a report: who, when, what, and why.</summary>
internal sealed class AbuseReportAction
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    /// <summary>One of <see cref="ReportActions.All"/>.</summary>
    public required string Action { get; set; }
    /// <summary>Kept without a foreign key: the record outlives the account.</summary>
    public long AdminUserId { get; set; }
    public DateTime At { get; set; }
    public string? Note { get; set; }
}
