using Hop.Pages.Stats;

namespace Hop.Tests.Pages.Stats;

/// <summary>How numbers and bucket times read on the charts, the tables and the tiles.</summary>
public class ChartTextTests
{
    private static readonly DateTimeOffset Berlin = new(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2));

    [Theory]
    [InlineData(0, "0")]
    [InlineData(999, "999")]
    [InlineData(9_999, "9,999")]
    [InlineData(10_000, "10k")]
    [InlineData(12_500, "12k")]
    [InlineData(999_999, "999k")]
    [InlineData(1_000_000, "1M")]
    [InlineData(1_550_000, "1.5M")]
    [InlineData(25_000_000, "25M")]
    [InlineData(3_000_000_000, "3B")]
    public void Axis_numbers_are_short(long value, string text) => Assert.Equal(text, ChartText.Short(value));

    [Fact]
    public void Table_numbers_are_in_full() => Assert.Equal("1,234,567,890", ChartText.Full(1_234_567_890));

    [Theory]
    [InlineData(0, 0, "0 %")]
    [InlineData(1, 2, "50 %")]
    [InlineData(1, 3, "33 %")]
    [InlineData(1, 300, "0.3 %")]
    [InlineData(5, 5, "100 %")]
    public void Shares_are_rounded_percentages(long part, long whole, string text) => Assert.Equal(text, ChartText.Share(part, whole));

    [Theory]
    [InlineData("hour", "03:00", "Mar 29")]
    [InlineData("day", "Mar 29", null)]
    [InlineData("week", "Mar 29", null)]
    [InlineData("month", "Mar", "2026")]
    public void Axis_labels_fit_their_grain(string granularity, string line1, string? line2) =>
        Assert.Equal((line1, line2), ChartText.AxisLabel(Berlin, granularity));

    [Theory]
    [InlineData("hour", "2026-03-29 03:00")]
    [InlineData("day", "Sun 2026-03-29")]
    [InlineData("week", "Week of 2026-03-29")]
    [InlineData("month", "March 2026")]
    public void Buckets_in_tables_say_which_one(string granularity, string text) => Assert.Equal(text, ChartText.Bucket(Berlin, granularity));
}
