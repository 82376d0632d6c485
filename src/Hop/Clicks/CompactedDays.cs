namespace Hop.Clicks;

/// <summary>
/// The link counters kept per day (<see cref="LinkDay"/>, <see cref="LinkDimensionDay"/>,
/// <see cref="LinkVisitorDay"/>) hold every UTC day up to a watermark in full: the
/// <see cref="ClickCounter"/> named <see cref="Counter"/>, whose value is the last such day's
/// <see cref="DateOnly.DayNumber"/>. Compaction folds a closed day's hourly rows into them and moves the
/// watermark in one transaction; a batch that brings visits of a day at or below the watermark adds them
/// to the daily rows itself. On PostgreSQL a writer reads the watermark row FOR SHARE and compaction
/// FOR UPDATE, so the two never miss each other's rows; on SQLite their transactions are serial.
/// </summary>
internal static class CompactedDays
{
    public const string Counter = "compacted_through";
}
