namespace Hop.Clicks;

/// <summary>Visits of one link in one UTC hour with one combination of referrer host, browser, OS,
/// device and country: the source of the "top" tables. One row per combination rather than one per
/// dimension value keeps it at one counter write per visit; real traffic repeats few combinations.</summary>
internal sealed class VisitProfile
{
    public const string Direct = "(direct)";
    public const string Unknown = "(unknown)";

    public long LinkId { get; set; }
    public DateTime Hour { get; set; }
    public required string Referrer { get; set; }
    public required string Browser { get; set; }
    public required string Os { get; set; }
    public required string Device { get; set; }
    public required string Country { get; set; }
    public long Count { get; set; }
}
