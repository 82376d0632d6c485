namespace Hop.Safety.Reports;

/// <summary>The reported link as the queue shows it: where it leads, whose it is, and how often it was reported.</summary>
internal sealed record ReportedLinkResponse
{
    public required long Id { get; init; }
    public required string Code { get; init; }
    public required string Target { get; init; }
    public required string TargetHost { get; init; }
    public long? OwnerId { get; init; }
    public string? OwnerUsername { get; init; }
    public required string State { get; init; }
    public string? DisabledReason { get; init; }
    public string? Warning { get; init; }
    public required int ReportCount { get; init; }
    public required int OpenReportCount { get; init; }
}
