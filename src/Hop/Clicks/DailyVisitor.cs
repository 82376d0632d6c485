namespace Hop.Clicks;

/// <summary>One row per link, UTC day and visitor hash: unique visitors are counted from these.</summary>
internal sealed class DailyVisitor
{
    public long LinkId { get; set; }
    public DateOnly Day { get; set; }
    public required byte[] VisitorHash { get; set; }
}
