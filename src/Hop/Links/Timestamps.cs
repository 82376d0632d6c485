namespace Hop.Links;

/// <summary>
/// Link timestamps are kept to the microsecond, the precision both databases store, so that what the
/// API answers, what it stores and what a cursor compares are the same value.
/// </summary>
internal static class Timestamps
{
    public static DateTime Now(TimeProvider time) => Truncate(time.GetUtcNow().UtcDateTime);

    public static DateTime Truncate(DateTime value) =>
        new(value.Ticks - (value.Ticks % 10), DateTimeKind.Utc);
}
