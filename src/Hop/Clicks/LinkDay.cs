namespace Hop.Clicks;

/// <summary>Visits of one link on one UTC day: the overview's top links, read a day at a time by the
/// largest totals (indexed). Days up to <see cref="CompactedDays"/> are folded in from the hourly counters.</summary>
internal sealed class LinkDay
{
    public long LinkId { get; set; }
    public DateOnly Day { get; set; }
    /// <summary>The link's owner, so a user's top links are read without their list of links; null when it has none.</summary>
    public long? OwnerId { get; set; }
    public long Total { get; set; }
}
