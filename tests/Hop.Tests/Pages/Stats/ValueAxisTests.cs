using Hop.Pages.Stats;

namespace Hop.Tests.Pages.Stats;

/// <summary>The value axis reaches the largest value in a few round, whole steps.</summary>
public class ValueAxisTests
{
    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, 1, 1)]
    [InlineData(2, 2, 1)]
    [InlineData(3, 3, 1)]
    [InlineData(4, 4, 1)]
    [InlineData(5, 6, 2)]
    [InlineData(7, 8, 2)]
    [InlineData(9, 10, 5)]
    [InlineData(10, 10, 5)]
    [InlineData(17, 20, 5)]
    [InlineData(41, 50, 25)]
    [InlineData(99, 100, 25)]
    [InlineData(100, 100, 25)]
    [InlineData(101, 150, 50)]
    [InlineData(1_234_567, 1_500_000, 500_000)]
    public void The_axis_is_round_and_covers_the_largest_value(long largest, long max, long step)
    {
        var axis = ValueAxis.For(largest);

        Assert.Equal(max, axis.Max);
        Assert.Equal(step, axis.Step);
        Assert.True(axis.Max >= largest);
        Assert.InRange(axis.Ticks.Count(), 2, 5);
        Assert.Equal(0, axis.Ticks.First());
        Assert.Equal(axis.Max, axis.Ticks.Last());
    }

    [Fact]
    public void Negative_values_get_the_empty_axis()
    {
        var axis = ValueAxis.For(-5);

        Assert.Equal([0L, 1], axis.Ticks);
    }

    [Fact]
    public void Huge_counts_stay_inside_a_long_and_are_drawn_at_the_top()
    {
        var axis = ValueAxis.For(long.MaxValue);

        Assert.Equal(ValueAxis.Largest, axis.Max);
        Assert.Equal(1, axis.Fraction(long.MaxValue));
        Assert.All(axis.Ticks, t => Assert.InRange(t, 0, ValueAxis.Largest));
    }

    [Fact]
    public void Fraction_is_the_share_of_the_axis()
    {
        var axis = ValueAxis.For(8);

        Assert.Equal(0, axis.Fraction(0));
        Assert.Equal(0.5, axis.Fraction(4));
        Assert.Equal(1, axis.Fraction(8));
        Assert.Equal(0, axis.Fraction(-3));
    }
}
