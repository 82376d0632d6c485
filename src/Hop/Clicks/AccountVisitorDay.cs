namespace Hop.Clicks;

/// <summary>Unique visitors of one account's links (<see cref="StatsAccount"/>) on one UTC day, counted as
/// the links' own are (a visitor of two links counts for each): the <see cref="DailyVisitor"/> rows the
/// day's batches added.</summary>
internal sealed class AccountVisitorDay
{
    public long AccountId { get; set; }
    public DateOnly Day { get; set; }
    public long Visitors { get; set; }
}
