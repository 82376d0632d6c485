using Hop.Clicks;
using Hop.Clicks.Writing;

namespace Hop.Benchmarks;

/// <summary>
/// Where the stats seeder puts its rows: the counter tables, in bulk (<see cref="PostgresCounterRows"/>:
/// binary COPY; <see cref="SqliteCounterRows"/>: prepared inserts in one transaction). Hours and days are
/// indices from the data set's first hour and day. Counts are <c>total</c> then one per class, in the order
/// of <see cref="VisitorCounts.Counters"/> (<see cref="VisitCountSql.Columns"/>).
/// </summary>
internal abstract class CounterRows : IDisposable
{
    protected CounterRows(DateTime firstHour, int hours)
    {
        Hours = [.. Enumerable.Range(0, hours).Select(h => firstHour.AddHours(h))];
        Days = [.. Enumerable.Range(0, (hours + 23) / 24).Select(d => DateOnly.FromDateTime(firstHour).AddDays(d))];
    }

    protected DateTime[] Hours { get; }
    protected DateOnly[] Days { get; }

    public abstract void VisitCount(long linkId, int hour, long? ownerId, long[] counts);
    public abstract void VisitProfile(long linkId, int hour, string referrer, string browser, string os, string device, string country, long count);
    public abstract void DailyVisitor(long linkId, int day, byte[] visitorHash);
    public abstract void LinkDay(long linkId, int day, long? ownerId, long total);
    public abstract void LinkDimensionDay(long linkId, int day, StatsDimension dimension, string value, long count);
    public abstract void LinkDimensionHour(long linkId, int hour, StatsDimension dimension, string value, long count);
    public abstract void LinkVisitorDay(long linkId, int day, long visitors);
    public abstract void AccountCount(long accountId, int hour, long[] counts);
    public abstract void AccountDimension(long accountId, int hour, StatsDimension dimension, string value, long count);
    public abstract void AccountDimensionDay(long accountId, int day, StatsDimension dimension, string value, long count);
    public abstract void AccountVisitorDay(long accountId, int day, long visitors);

    /// <summary>The watermarks: every day up to <paramref name="day"/> is in the daily tables
    /// (<see cref="CompactedDays"/>), every hour up to <paramref name="hour"/> in <c>link_dimension_hours</c>
    /// (<see cref="CompactedHours"/>).</summary>
    public abstract void CompactedThrough(int day, int hour);

    /// <summary>Makes every row written so far durable.</summary>
    public abstract void Complete();

    public abstract void Dispose();

    /// <summary>How many counts a row of hourly counts holds: the total and one per class.</summary>
    public static readonly int CountColumns = VisitorCounts.Counters.Length + 1;

    protected static readonly string VisitCountColumns = string.Join(", ", VisitCountSql.Columns);
}
