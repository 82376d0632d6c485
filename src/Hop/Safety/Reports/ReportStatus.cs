namespace Hop.Safety.Reports;

/// <summary>A report is open until an administrator acts on it or on another report of the same link.</summary>
internal static class ReportStatus
{
    public const string Open = "open";
    public const string Dismissed = "dismissed";
    public const string Actioned = "actioned";

    public static readonly string[] All = [Open, Dismissed, Actioned];
}
