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
