namespace Hop.Benchmarks;

/// <summary>What the stats data set adds up for one account (<see cref="Hop.Clicks.StatsAccount"/>) while
/// its links are seeded: the counts of every hour, each dimension value's visits of every hour, and the
/// visitors of every day. The account tables are written from these, and the totals the stats API must
/// answer are read from them.</summary>
internal sealed class StatsAccountTotals(long accountId, int hours, StatsTraffic traffic, int countColumns)
{
    public long AccountId { get; } = accountId;

    /// <summary>[hour][count column]</summary>
    public long[][] Counts { get; } = [.. Enumerable.Range(0, hours).Select(_ => new long[countColumns])];

    /// <summary>[dimension][value][hour]</summary>
    public long[][][] Dimensions { get; } = [.. traffic.Values.Select(values => values.Select(_ => new long[hours]).ToArray())];

    /// <summary>[day]</summary>
    public long[] Visitors { get; } = new long[(hours + 23) / 24];

    /// <summary>The visits of the hours from <paramref name="firstHour"/> on.</summary>
    public long TotalFrom(int firstHour) => Counts.Skip(Math.Max(0, firstHour)).Sum(c => c[0]);

    /// <summary>The visitors of the days from <paramref name="firstDay"/> on.</summary>
    public long VisitorsFrom(int firstDay) => Visitors.Skip(Math.Max(0, firstDay)).Sum();
}
