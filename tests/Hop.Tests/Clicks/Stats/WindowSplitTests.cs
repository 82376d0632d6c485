using Hop.Clicks.Stats;

namespace Hop.Tests.Clicks.Stats;

/// <summary>A window is read from daily counters for its whole UTC days up to the watermark and from hourly
/// ones for every other hour, each hour exactly once.</summary>
public class WindowSplitTests
{
    private static DateTime At(int day, int hour) => new(2026, 5, day, hour, 0, 0, DateTimeKind.Utc);

    private static DateOnly Day(int day) => new(2026, 5, day);

    [Fact]
    public void Whole_days_up_to_the_watermark_are_daily_and_the_edges_and_the_rest_hourly()
    {
        var split = WindowSplit.Of(new HourRange(At(3, 5), At(9, 7)), through: Day(6));

        Assert.Equal(new DayRange(Day(4), Day(6)), split.Days);
        Assert.Equal([new HourRange(At(3, 5), At(4, 0)), new HourRange(At(7, 0), At(9, 7))], split.OtherHours);
    }

    [Fact]
    public void Without_a_watermark_or_a_whole_day_every_hour_is_hourly()
    {
        var hours = new HourRange(At(3, 0), At(9, 0));

        Assert.Null(WindowSplit.Of(hours, through: null).Days);
        Assert.Equal([hours], WindowSplit.Of(hours, through: null).OtherHours);
        Assert.Null(WindowSplit.Of(new HourRange(At(3, 1), At(4, 23)), through: Day(20)).Days);
        Assert.Equal([hours], WindowSplit.Of(hours, through: Day(2)).OtherHours);
    }

    [Fact]
    public void A_window_of_whole_days_all_compacted_has_no_hourly_part()
    {
        var split = WindowSplit.Of(new HourRange(At(3, 0), At(9, 0)), through: DateOnly.MaxValue);

        Assert.Equal(new DayRange(Day(3), Day(8)), split.Days);
        Assert.Empty(split.OtherHours);
    }

    [Fact]
    public void A_window_starting_at_half_past_counts_from_the_next_hour()
    {
        var errors = new Dictionary<string, string[]>();
        var window = StatsWindow.TryCreate("2026-05-03", "2026-05-05", "day", "Asia/Kolkata", At(20, 0), errors)!;

        // Local midnight is 18:30 UTC: the 18:00 hour counts for the day before, as the series does.
        Assert.Equal(new HourRange(At(2, 19), At(4, 19)), WindowSplit.HoursOf(window));
        Assert.Equal(new DayRange(Day(2), Day(4)), WindowSplit.DaysTouched(window));
    }

    [Fact]
    public void The_next_run_is_five_minutes_away_or_the_grace_after_midnight()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), ClickCompaction.UntilNextRun(new DateTimeOffset(At(3, 10))));
        Assert.Equal(TimeSpan.FromMinutes(5), ClickCompaction.UntilNextRun(new DateTimeOffset(At(3, 23).AddMinutes(30))));
        Assert.Equal(TimeSpan.FromMinutes(3), ClickCompaction.UntilNextRun(new DateTimeOffset(At(4, 0).AddMinutes(12))));
    }

    [Fact]
    public void The_other_hours_are_cut_at_the_hour_watermark()
    {
        var split = WindowSplit.Of(new HourRange(At(2, 5), At(5, 7)), Day(3));

        AssertCut(split.OtherHoursAt(null), [], [.. split.OtherHours]);
        AssertCut(split.OtherHoursAt(At(4, 2)), [new(At(2, 5), At(3, 0)), new(At(4, 0), At(4, 3))], [new(At(4, 3), At(5, 7))]);
        AssertCut(split.OtherHoursAt(At(2, 8)), [new(At(2, 5), At(2, 9))], [new(At(2, 9), At(3, 0)), new(At(4, 0), At(5, 7))]);
        AssertCut(split.OtherHoursAt(At(5, 9)), [.. split.OtherHours], []);

        static void AssertCut((IReadOnlyList<HourRange> Compacted, IReadOnlyList<HourRange> Open) cut, HourRange[] compacted, HourRange[] open)
        {
            Assert.Equal(compacted, cut.Compacted);
            Assert.Equal(open, cut.Open);
        }
    }
}
