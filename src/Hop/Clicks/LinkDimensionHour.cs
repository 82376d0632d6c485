namespace Hop.Clicks;

/// <summary>Visits of one link in one UTC hour with one value of one dimension: its top lists over the
/// hours a window reads by the hour, a few dozen rows an hour however many combinations the hour had.
/// Closed hours up to <see cref="CompactedHours"/> are folded in from the <see cref="VisitProfile"/> rows.</summary>
internal sealed class LinkDimensionHour : IDimensionCount
{
    public long LinkId { get; set; }
    public DateTime Hour { get; set; }
    public StatsDimension Dimension { get; set; }
    public required string Value { get; set; }
    public long Count { get; set; }
}
