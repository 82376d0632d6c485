namespace Hop.Clicks;

/// <summary>How a visit was classified; every class is counted, none is dropped.</summary>
internal enum VisitorClass
{
    Human = 0,
    Bot = 1,
    Unfurler = 2,
    MailScanner = 3,
    Prefetch = 4,
}

/// <summary>One stored visit. Never holds a raw IP: only a salted, daily-rotating visitor hash.</summary>
internal sealed class Visit
{
    public long Id { get; set; }
    /// <summary>The click event's id: unique, so a redelivered event is stored once.</summary>
    public Guid EventId { get; set; }
    public long LinkId { get; set; }
    public DateTime OccurredAt { get; set; }
    public string? ReferrerHost { get; set; }
    public string? Browser { get; set; }
    public string? Os { get; set; }
    public string? Device { get; set; }
    public VisitorClass Class { get; set; }
    public string? Country { get; set; }
    public required byte[] VisitorHash { get; set; }
}

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

/// <summary>One row per link, UTC day and visitor hash: unique visitors are counted from these.</summary>
internal sealed class DailyVisitor
{
    public long LinkId { get; set; }
    public DateOnly Day { get; set; }
    public required byte[] VisitorHash { get; set; }
}

/// <summary>Running totals of the click pipeline that must survive restarts (stored, duplicates).</summary>
internal sealed class ClickCounter
{
    public required string Name { get; set; }
    public long Value { get; set; }
}
