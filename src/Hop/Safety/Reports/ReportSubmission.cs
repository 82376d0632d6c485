namespace Hop.Safety.Reports;

/// <summary>The outcome of a report: its id once stored, or the reasons each field was refused.</summary>
internal sealed record ReportSubmission(long? Id, Dictionary<string, string[]> Errors)
{
    public bool Accepted => Id is not null;
}
