namespace Hop.Clicks;

/// <summary>Visits of one link in one UTC hour that went to one of its redirect rules or A/B variants
/// (<see cref="ClickRoute"/>): the source of the stats per rule and per variant. Visits to the link's
/// own target have no row, so a link without rules or variants writes nothing here.</summary>
internal sealed class VisitRoute
{
    public long LinkId { get; set; }
    public DateTime Hour { get; set; }
    /// <summary>Never <see cref="ClickRoute.Target"/>.</summary>
    public short Route { get; set; }
    public long Count { get; set; }
}
