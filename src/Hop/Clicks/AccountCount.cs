namespace Hop.Clicks;

/// <summary>Visits of one account's links (<see cref="StatsAccount"/>) in one UTC hour, by class: the
/// overview's totals and series, without reading a row per link.</summary>
internal sealed class AccountCount
{
    public long AccountId { get; set; }
    public DateTime Hour { get; set; }

    /// <summary>Stored as one column per count (<see cref="VisitorCounts.Counters"/>).</summary>
    public VisitorCounts Counts { get; set; } = VisitorCounts.None;
}
