namespace Hop.Clicks.Writing;

/// <summary>
/// The two compaction watermarks as a writer reads them (locked) in its transaction: the last day the daily
/// link tables hold (<see cref="CompactedDays"/>) and the start of the last hour
/// <c>link_dimension_hours</c> holds (<see cref="CompactedHours"/>); null when nothing is compacted yet.
/// A batch's visits of a compacted day or hour go to those tables too.
/// </summary>
internal sealed record CompactionWatermarks(DateOnly? Days, DateTime? Hours)
{
    /// <summary>The watermarks from the values of their <c>click_counters</c> rows, if present.</summary>
    public static CompactionWatermarks Of(long? dayNumber, long? hourNumber) => new(
        dayNumber is { } day ? DateOnly.FromDayNumber(checked((int)day)) : null,
        hourNumber is { } hour ? CompactedHours.Start(hour) : null);

    public bool Compacted(DateOnly day) => day <= Days;

    public bool Compacted(DateTime hour) => hour <= Hours;
}
