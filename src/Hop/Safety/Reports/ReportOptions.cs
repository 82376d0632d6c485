using System.ComponentModel.DataAnnotations;

namespace Hop.Safety.Reports;

/// <summary>The abuse report settings, under <c>Safety</c> with the rest of the safety settings.</summary>
internal sealed class ReportOptions
{
    public const string Section = "Safety";

    /// <summary>A link reported by more than this many distinct reporters, with none of the reports acted on, shows visitors the interstitial.</summary>
    [Range(1, 1_000_000)]
    public int ReportsBeforeWarning { get; set; } = 3;
}
