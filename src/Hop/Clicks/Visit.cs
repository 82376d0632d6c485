namespace Hop.Clicks;

/// <summary>One stored visit. Never holds a raw IP: only a salted, daily-rotating visitor hash.</summary>
internal sealed class Visit
{
    public long Id { get; set; }
    public long LinkId { get; set; }
    public DateTime OccurredAt { get; set; }
    public string? ReferrerHost { get; set; }
    public string? Browser { get; set; }
    public string? Os { get; set; }
    public string? Device { get; set; }
    public VisitorClass Class { get; set; }
    public string? Country { get; set; }
    public required byte[] VisitorHash { get; set; }
    /// <summary>The rule or variant the visit was sent to (<see cref="ClickRoute"/>).</summary>
    public short Route { get; set; }
    /// <summary>How many visits this row stands for: 1, or N when <c>Clicks:RawVisits</c> is <c>sample</c>
    /// and keeps one visit in N. The counters count every visit either way.</summary>
    public short SampleRate { get; set; } = 1;
}
