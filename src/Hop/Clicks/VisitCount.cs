namespace Hop.Clicks;

/// <summary>Visits of one link in one UTC hour, by class. Stats read these, never raw visits.</summary>
internal sealed class VisitCount
{
    public long LinkId { get; set; }
    public DateTime Hour { get; set; }
    /// <summary>The link's owner when the row was first written (null when it has none), so that
    /// compaction can fold it into <see cref="LinkDay"/>.</summary>
    public long? OwnerId { get; set; }

    /// <summary>Stored as one column per count (<see cref="VisitorCounts.Counters"/>).</summary>
    public VisitorCounts Counts { get; set; } = VisitorCounts.None;
}
