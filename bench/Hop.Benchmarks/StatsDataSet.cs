using System.Buffers.Binary;
using Hop.Clicks;

namespace Hop.Benchmarks;

/// <summary>
/// Draws each link's visits (<see cref="StatsTraffic"/>) and writes what the click writer and compaction
/// would have left of them: per link the hourly <c>visit_counts</c> and <c>visit_profiles</c> rows of every
/// hour; every day's <c>link_visitor_days</c>; for the compacted days (before today) <c>link_days</c> and
/// <c>link_dimension_days</c>; for today (after the watermark) the <c>daily_visitors</c> rows themselves; for
/// every hour but the last (the current one, not closed yet) its <c>link_dimension_hours</c> rows, as hour
/// compaction leaves them.
/// Each visit also counts for the accounts given with its link, whose rows <see cref="WriteAccount"/>
/// writes at the end. A link-day's unique visitors are three in four of its visits (at least one).
/// </summary>
internal sealed class StatsDataSet(StatsTraffic traffic, CounterRows rows, DateOnly firstDay, int hours)
{
    private const int HashLength = 32;
    private static readonly int[] CountColumnOfClass = ClassColumns();

    private readonly int _days = (hours + 23) / 24;
    private readonly int _today = (hours - 1) / 24;
    private readonly long[][] _dayDimensions = [.. traffic.Values.Select(v => new long[v.Length])];
    private readonly long[][] _hourDimensions = [.. traffic.Values.Select(v => new long[v.Length])];
    private readonly List<(int Dimension, int Value)> _hourValues = [];
    private readonly long[] _counts = new long[CounterRows.CountColumns];
    private long[] _visits = new long[1024];

    public long VisitRows { get; private set; }
    public long ProfileRows { get; private set; }
    public long DailyRows { get; private set; }
    public long DimensionRows { get; private set; }
    public long VisitorRows { get; private set; }
    public long HourDimensionRows { get; private set; }

    /// <summary>The last hour compaction has folded: the one before the current (last) hour.</summary>
    public int LastClosedHour => hours - 2;

    public int Today => _today;

    public StatsAccountTotals NewAccount(long accountId) => new(accountId, hours, traffic, CounterRows.CountColumns);

    /// <summary>
    /// <paramref name="visits"/> visits of one link. An evergreen link is visited on every day (a little less
    /// at weekends); any other is shared on one day and fades over the next few (half of the rest a day
    /// later), with a burst in the hours after it is shared.
    /// </summary>
    public void AddLink(long linkId, long? ownerId, int visits, bool evergreen, ReadOnlySpan<StatsAccountTotals> accounts)
    {
        if (visits == 0)
        {
            return;
        }

        var random = new SplitMix((ulong)linkId * 0x9E3779B97F4A7C15UL);
        var home = traffic.DrawCountry(ref random);
        var shared = random.NextInt(_days);
        var sharedHour = random.NextInt(24);
        if (_visits.Length < visits)
        {
            _visits = new long[Math.Max(visits, _visits.Length * 2)];
        }

        for (var k = 0; k < visits; k++)
        {
            var hour = evergreen ? EvergreenHour(ref random) : FadingHour(ref random, shared, sharedHour);
            _visits[k] = (long)hour << StatsTraffic.ComboBits | (long)traffic.Draw(ref random, home);
        }

        Array.Sort(_visits, 0, visits);
        Span<int> values = stackalloc int[_dayDimensions.Length];
        var (day, dayTotal) = (-1, 0L);
        for (var i = 0; i < visits;)
        {
            var hour = (int)(_visits[i] >> StatsTraffic.ComboBits);
            if (hour / 24 != day)
            {
                EndDay(linkId, ownerId, day, dayTotal, accounts);
                (day, dayTotal) = (hour / 24, 0);
            }

            Array.Clear(_counts);
            for (; i < visits && _visits[i] >> StatsTraffic.ComboBits == hour;)
            {
                // One profile row for the visits of one combination, whatever their classes.
                var profile = _visits[i] >> StatsTraffic.ClassBits;
                var combo = (int)(_visits[i] & ((1 << StatsTraffic.ComboBits) - 1));
                var count = 0L;
                for (; i < visits && _visits[i] >> StatsTraffic.ClassBits == profile; i++)
                {
                    count++;
                    _counts[CountColumnOfClass[(int)StatsTraffic.ClassOf((int)(_visits[i] & ((1 << StatsTraffic.ComboBits) - 1)))]]++;
                }

                traffic.Dimensions(combo, values);
                rows.VisitProfile(linkId, hour, Value(StatsDimension.Referrer, values), Value(StatsDimension.Browser, values),
                    Value(StatsDimension.Os, values), Value(StatsDimension.Device, values), Value(StatsDimension.Country, values), count);
                ProfileRows++;
                _counts[0] += count;
                for (var d = 0; d < values.Length; d++)
                {
                    _dayDimensions[d][values[d]] += count;
                    if (_hourDimensions[d][values[d]] == 0)
                    {
                        _hourValues.Add((d, values[d]));
                    }

                    _hourDimensions[d][values[d]] += count;
                    foreach (var account in accounts)
                    {
                        account.Dimensions[d][values[d]][hour] += count;
                    }
                }
            }

            rows.VisitCount(linkId, hour, ownerId, _counts);
            VisitRows++;
            foreach (var (d, v) in _hourValues)
            {
                if (hour <= LastClosedHour)
                {
                    rows.LinkDimensionHour(linkId, hour, (StatsDimension)d, traffic.Values[d][v], _hourDimensions[d][v]);
                    HourDimensionRows++;
                }

                _hourDimensions[d][v] = 0;
            }

            _hourValues.Clear();
            dayTotal += _counts[0];
            foreach (var account in accounts)
            {
                var sums = account.Counts[hour];
                for (var c = 0; c < CounterRows.CountColumns; c++)
                {
                    sums[c] += _counts[c];
                }
            }
        }

        EndDay(linkId, ownerId, day, dayTotal, accounts);
    }

    /// <summary>The account's rows: every hour's counts and dimension values, every day's dimension values and visitors.</summary>
    public void WriteAccount(StatsAccountTotals account)
    {
        for (var hour = 0; hour < hours; hour++)
        {
            if (account.Counts[hour][0] > 0)
            {
                rows.AccountCount(account.AccountId, hour, account.Counts[hour]);
            }
        }

        for (var d = 0; d < account.Dimensions.Length; d++)
        {
            var dimension = (StatsDimension)d;
            for (var v = 0; v < account.Dimensions[d].Length; v++)
            {
                var byHour = account.Dimensions[d][v];
                var value = traffic.Values[d][v];
                for (var day = 0; day < _days; day++)
                {
                    var dayCount = 0L;
                    for (var hour = day * 24; hour < Math.Min(hours, day * 24 + 24); hour++)
                    {
                        if (byHour[hour] > 0)
                        {
                            rows.AccountDimension(account.AccountId, hour, dimension, value, byHour[hour]);
                            dayCount += byHour[hour];
                        }
                    }

                    if (dayCount > 0)
                    {
                        rows.AccountDimensionDay(account.AccountId, day, dimension, value, dayCount);
                    }
                }
            }
        }

        for (var day = 0; day < _days; day++)
        {
            if (account.Visitors[day] > 0)
            {
                rows.AccountVisitorDay(account.AccountId, day, account.Visitors[day]);
            }
        }
    }

    private int EvergreenHour(ref SplitMix random)
    {
        while (true)
        {
            var day = random.NextInt(_days);
            var weekend = firstDay.AddDays(day).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var hour = day * 24 + traffic.DrawHourOfDay(ref random);
            if (hour < hours && (!weekend || random.NextDouble() < 0.75))
            {
                return hour;
            }
        }
    }

    private int FadingHour(ref SplitMix random, int shared, int sharedHour)
    {
        while (true)
        {
            var day = shared + (int)(-Math.Log(1 - random.NextDouble()) * 1.5);
            var hour = day * 24 + (day == shared && random.NextDouble() < 0.6
                ? sharedHour + random.NextInt(3)
                : traffic.DrawHourOfDay(ref random));
            if (day < _days && hour < hours && hour / 24 == day)
            {
                return hour;
            }
        }
    }

    /// <summary>A day of the link's visits is over: its daily rows (compacted days) or visitor rows (today).</summary>
    private void EndDay(long linkId, long? ownerId, int day, long total, ReadOnlySpan<StatsAccountTotals> accounts)
    {
        if (day < 0)
        {
            return;
        }

        var visitors = Math.Max(1, total - total / 4);
        rows.LinkVisitorDay(linkId, day, visitors);
        VisitorRows++;
        if (day < _today)
        {
            rows.LinkDay(linkId, day, ownerId, total);
            for (var d = 0; d < _dayDimensions.Length; d++)
            {
                for (var v = 0; v < _dayDimensions[d].Length; v++)
                {
                    if (_dayDimensions[d][v] > 0)
                    {
                        rows.LinkDimensionDay(linkId, day, (StatsDimension)d, traffic.Values[d][v], _dayDimensions[d][v]);
                        DimensionRows++;
                    }
                }
            }
        }
        else
        {
            for (var n = 0; n < visitors; n++)
            {
                var hash = new byte[HashLength];
                BinaryPrimitives.WriteInt64BigEndian(hash, linkId);
                BinaryPrimitives.WriteInt64BigEndian(hash.AsSpan(8), n);
                BinaryPrimitives.WriteUInt64BigEndian(hash.AsSpan(16), (ulong)(linkId * 31 + n) * 0x9E3779B97F4A7C15UL);
                rows.DailyVisitor(linkId, day, hash);
            }

            DailyRows += visitors;
        }

        foreach (var account in accounts)
        {
            account.Visitors[day] += visitors;
        }

        foreach (var counts in _dayDimensions)
        {
            Array.Clear(counts);
        }
    }

    private string Value(StatsDimension dimension, ReadOnlySpan<int> values) => traffic.Values[(int)dimension][values[(int)dimension]];

    private static int[] ClassColumns()
    {
        var columns = new int[Enum.GetValues<VisitorClass>().Length];
        for (var i = 0; i < VisitorCounts.Counters.Length; i++)
        {
            columns[(int)VisitorCounts.Counters[i].Class] = i + 1;
        }

        return columns;
    }
}
