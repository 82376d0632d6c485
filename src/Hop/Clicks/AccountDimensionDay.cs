namespace Hop.Clicks;

/// <summary>Visits of one account's links (<see cref="StatsAccount"/>) on one UTC day with one value of one
/// dimension: the overview's top lists for the whole days of its window.</summary>
internal sealed class AccountDimensionDay : IDimensionCount
{
    public long AccountId { get; set; }
    public DateOnly Day { get; set; }
    public StatsDimension Dimension { get; set; }
    public required string Value { get; set; }
    public long Count { get; set; }
}
