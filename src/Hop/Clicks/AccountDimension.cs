namespace Hop.Clicks;

/// <summary>Visits of one account's links (<see cref="StatsAccount"/>) in one UTC hour with one value of
/// one dimension (a referrer host, a browser, …): the overview's top lists at the edges of its window.</summary>
internal sealed class AccountDimension : IDimensionCount
{
    public long AccountId { get; set; }
    public DateTime Hour { get; set; }
    public StatsDimension Dimension { get; set; }
    public required string Value { get; set; }
    public long Count { get; set; }
}
