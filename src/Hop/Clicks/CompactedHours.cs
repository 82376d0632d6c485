namespace Hop.Clicks;

/// <summary>
/// <see cref="LinkDimensionHour"/> holds every UTC hour up to a watermark in full: the
/// <see cref="ClickCounter"/> named <see cref="Counter"/>, whose value is the last such hour's number,
/// its start in whole hours since the Unix epoch (<see cref="Number"/>, <see cref="Start"/>). Compaction
/// folds closed hours' <see cref="VisitProfile"/> rows into it and moves the watermark in one transaction;
/// a batch that brings visits of an hour at or below the watermark adds them itself. Locked like
/// <see cref="CompactedDays"/>: writers FOR SHARE and compaction FOR UPDATE on PostgreSQL, serial
/// transactions on SQLite.
/// </summary>
internal static class CompactedHours
{
    public const string Counter = "compacted_hours_through";

    /// <summary>The number of the hour that starts at <paramref name="hour"/> (on the hour, UTC).</summary>
    public static long Number(DateTime hour) => (hour - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerHour;

    /// <summary>The start of the hour numbered <paramref name="number"/>.</summary>
    public static DateTime Start(long number) => DateTime.UnixEpoch.AddHours(number);
}
