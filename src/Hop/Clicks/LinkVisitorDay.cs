namespace Hop.Clicks;

/// <summary>Unique visitors of one link on one UTC day: the count of its <see cref="DailyVisitor"/> rows of
/// that day, for days up to <see cref="CompactedDays"/>.</summary>
internal sealed class LinkVisitorDay
{
    public long LinkId { get; set; }
    public DateOnly Day { get; set; }
    public long Visitors { get; set; }
}
