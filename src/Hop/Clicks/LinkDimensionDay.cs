namespace Hop.Clicks;

/// <summary>Visits of one link on one UTC day with one value of one dimension: its top lists over long
/// windows, a few dozen rows a day however many visits and combinations the day had. Days up to
/// <see cref="CompactedDays"/> are folded in from the <see cref="VisitProfile"/> rows.</summary>
internal sealed class LinkDimensionDay : IDimensionCount
{
    public long LinkId { get; set; }
    public DateOnly Day { get; set; }
    public StatsDimension Dimension { get; set; }
    public required string Value { get; set; }
    public long Count { get; set; }
}
