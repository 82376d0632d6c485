namespace Hop.Clicks.Stats;

/// <summary>
/// A stats window cut along UTC days: the hours it covers (each hour whose start lies in the window,
/// as <see cref="StatsWindow.IndexOf"/> counts them), the whole UTC days among them up to a last day
/// that daily counters hold in full, and the other hours, which only hourly counters hold.
/// </summary>
internal sealed record WindowSplit(HourRange Hours, DayRange? Days, IReadOnlyList<HourRange> OtherHours)
{
    /// <param name="through">The last day the daily counters hold; null when they hold none.</param>
    public static WindowSplit Of(StatsWindow window, DateOnly? through) => Of(HoursOf(window), through);

    public static WindowSplit Of(HourRange hours, DateOnly? through)
    {
        var firstWhole = DateOnly.FromDateTime(hours.From.AddHours(23));
        var lastWhole = DateOnly.FromDateTime(hours.To).AddDays(-1);
        if (through is not { } last)
        {
            return new WindowSplit(hours, null, [hours]);
        }

        if (last < lastWhole)
        {
            lastWhole = last;
        }

        if (lastWhole < firstWhole)
        {
            return new WindowSplit(hours, null, [hours]);
        }

        var days = new DayRange(firstWhole, lastWhole);
        var (daysFrom, daysTo) = (Start(firstWhole), Start(lastWhole.AddDays(1)));
        HourRange[] others = [new(hours.From, daysFrom), new(daysTo, hours.To)];
        return new WindowSplit(hours, days, [.. others.Where(r => r.From < r.To)]);
    }

    /// <summary>The <see cref="OtherHours"/> cut at the hour watermark: those up to the hour starting at
    /// <paramref name="hoursThrough"/> (hourly top-list rows hold them) and those after it (only
    /// combination rows do). Null: nothing is compacted by the hour.</summary>
    public (IReadOnlyList<HourRange> Compacted, IReadOnlyList<HourRange> Open) OtherHoursAt(DateTime? hoursThrough)
    {
        if (hoursThrough is not { } last)
        {
            return ([], OtherHours);
        }

        var firstOpen = last.AddHours(1);
        var compacted = OtherHours.Select(r => r with { To = r.To < firstOpen ? r.To : firstOpen }).Where(r => r.From < r.To);
        var open = OtherHours.Select(r => r with { From = r.From > firstOpen ? r.From : firstOpen }).Where(r => r.From < r.To);
        return ([.. compacted], [.. open]);
    }

    /// <summary>The hours whose counters fall in <paramref name="window"/>: from the first hour starting at
    /// or after its start to the first starting at or after its end.</summary>
    public static HourRange HoursOf(StatsWindow window) => new(CeilingHour(window.FromUtc), CeilingHour(window.ToUtc));

    /// <summary>The UTC days a window touches, the days unique visitors are counted for.</summary>
    public static DayRange DaysTouched(StatsWindow window) =>
        new(DateOnly.FromDateTime(window.FromUtc), DateOnly.FromDateTime(window.ToUtc.AddTicks(-1)));

    public static DateTime Start(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    private static DateTime CeilingHour(DateTime utc)
    {
        var floor = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);
        return floor == utc ? floor : floor.AddHours(1);
    }
}
