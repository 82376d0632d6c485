using System.Globalization;

namespace Hop.Pages.Stats;

/// <summary>How charts and tiles write numbers and bucket times: in full for tables and tiles, short
/// for an axis, and a bucket's start as its grain needs it.</summary>
internal static class ChartText
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>1,234,567.</summary>
    public static string Full(long value) => value.ToString("N0", Culture);

    /// <summary>An axis label: 9,500, 12k, 1.5M, 2B.</summary>
    public static string Short(long value) => Math.Abs(value) switch
    {
        < 10_000 => Full(value),
        < 1_000_000 => Scaled(value, 1_000, "k"),
        < 1_000_000_000 => Scaled(value, 1_000_000, "M"),
        _ => Scaled(value, 1_000_000_000, "B"),
    };

    /// <summary>"12.5 %" of <paramref name="whole"/>; "0 %" of nothing.</summary>
    public static string Share(long part, long whole) =>
        whole <= 0 ? "0 %" : $"{Math.Round(100.0 * part / whole, part * 1000 < whole * 10 ? 1 : 0).ToString(Culture)} %";

    /// <summary>The two lines under a bar: the time (or the month), and the day (or the year).</summary>
    public static (string Line1, string? Line2) AxisLabel(DateTimeOffset start, string granularity) => granularity switch
    {
        "hour" => (start.ToString("HH:mm", Culture), start.ToString("MMM d", Culture)),
        "month" => (start.ToString("MMM", Culture), start.ToString("yyyy", Culture)),
        _ => (start.ToString("MMM d", Culture), null),
    };

    /// <summary>A bucket's start in a data table or a tooltip, as precise as its grain.</summary>
    public static string Bucket(DateTimeOffset start, string granularity) => granularity switch
    {
        "hour" => start.ToString("yyyy-MM-dd HH:mm", Culture),
        "week" => "Week of " + start.ToString("yyyy-MM-dd", Culture),
        "month" => start.ToString("MMMM yyyy", Culture),
        _ => start.ToString("ddd yyyy-MM-dd", Culture),
    };

    /// <summary>A range's bounds for a caption: "2026-11-24 16:00 – 2026-12-01 16:05 (Europe/Berlin)".</summary>
    public static string Range(DateTimeOffset from, DateTimeOffset to, string zone) =>
        $"{from.ToString("yyyy-MM-dd HH:mm", Culture)} – {to.ToString("yyyy-MM-dd HH:mm", Culture)} ({zone})";

    private static string Scaled(long value, long unit, string suffix)
    {
        var scaled = (double)value / unit;
        var digits = Math.Abs(scaled) < 10 ? 1 : 0;
        return Math.Round(scaled, digits, MidpointRounding.ToZero).ToString(digits == 1 ? "0.#" : "0", Culture) + suffix;
    }
}
