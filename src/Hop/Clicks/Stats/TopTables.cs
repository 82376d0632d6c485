namespace Hop.Clicks.Stats;

/// <summary>Sums visits per value of each dimension from any mix of daily, hourly and combination rows,
/// then ranks them into the top tables.</summary>
internal sealed class TopTables
{
    private readonly Dictionary<string, long>[] _counts =
        [.. ProfileDimensions.All.Select(_ => new Dictionary<string, long>(StringComparer.Ordinal))];

    public void Add(StatsDimension dimension, string value, long count)
    {
        var counts = _counts[(int)dimension];
        counts[value] = counts.GetValueOrDefault(value) + count;
    }

    /// <summary>Counts a combination's visits for the value it has of each dimension.</summary>
    public void Add(ProfileCombination combination)
    {
        foreach (var (dimension, _, value) in ProfileDimensions.All)
        {
            Add(dimension, value(combination), combination.Count);
        }
    }

    /// <summary>The <paramref name="count"/> values with the most visits of each dimension, ties by value.</summary>
    public StatsTop Top(int count) => new()
    {
        Referrers = Ranked(StatsDimension.Referrer, count),
        Browsers = Ranked(StatsDimension.Browser, count),
        Os = Ranked(StatsDimension.Os, count),
        Devices = Ranked(StatsDimension.Device, count),
        Countries = Ranked(StatsDimension.Country, count),
    };

    private List<StatsEntry> Ranked(StatsDimension dimension, int count) =>
    [
        .. _counts[(int)dimension].Where(c => c.Value > 0)
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(c => new StatsEntry(c.Key, c.Value)),
    ];
}
