namespace Hop.Clicks;

/// <summary>Visits of one link in one UTC hour, by class. Stats read these, never raw visits.</summary>
internal sealed class VisitCount
{
    public long LinkId { get; set; }
    public DateTime Hour { get; set; }
    public long Total { get; set; }
    public long Humans { get; set; }
    public long Bots { get; set; }
    public long Unfurlers { get; set; }
    public long MailScanners { get; set; }
    public long Prefetches { get; set; }
}
