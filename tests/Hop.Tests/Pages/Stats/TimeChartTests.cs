using Hop.Pages.Stats;

namespace Hop.Tests.Pages.Stats;

/// <summary>The time chart's geometry: bars across in percent, stacked segments in pixels, gridlines
/// and labels that stay inside the chart, for empty, one-point, long and large series.</summary>
public class TimeChartTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_empty_range_has_no_bars_no_labels_and_the_empty_axis()
    {
        var chart = new TimeChart([], [new ChartSeries("Humans", 1, [])], "day");

        Assert.True(chart.IsEmpty);
        Assert.Empty(chart.Bars);
        Assert.Empty(chart.Labels);
        Assert.Equal(-1, chart.PeakIndex);
        Assert.Equal([0L, 1], chart.Gridlines.Select(g => g.Value));
        Assert.Equal(TimeChart.Baseline, chart.Gridlines[0].Y);
        Assert.Equal(TimeChart.PlotTop, chart.Gridlines[1].Y);
    }

    [Fact]
    public void A_range_without_visits_has_a_bar_slot_per_bucket_and_no_segments()
    {
        var chart = new TimeChart(Days(7), [new ChartSeries("Humans", 1, new long[7])], "day");

        Assert.True(chart.IsEmpty);
        Assert.Equal(7, chart.Bars.Count);
        Assert.All(chart.Bars, b => Assert.Empty(b.Segments));
    }

    [Fact]
    public void One_point_fills_the_plot_with_one_centred_bar_and_one_label()
    {
        var chart = new TimeChart(Days(1), [new ChartSeries("Humans", 1, [3]), new ChartSeries("Bots", 2, [1])], "day");

        var bar = Assert.Single(chart.Bars);
        Assert.Equal(12.5, bar.X, 6);
        Assert.Equal(75, bar.Width, 6);
        Assert.Equal(4, chart.Axis.Max);
        Assert.Equal(0, chart.PeakIndex);
        // Humans at the bottom, bots on top, together up to the top of the axis.
        Assert.Equal([1, 2], bar.Segments.Select(s => s.Colour));
        Assert.Equal(TimeChart.Baseline, bar.Segments[0].Y + bar.Segments[0].Height, 6);
        Assert.Equal(bar.Segments[0].Y, bar.Segments[1].Y + bar.Segments[1].Height, 6);
        Assert.Equal(TimeChart.PlotTop, bar.Segments[1].Y, 6);
        var label = Assert.Single(chart.Labels);
        Assert.Equal(("middle", 50.0, "Nov 1"), (label.Anchor, label.X, label.Line1));
        Assert.False(label.WideOnly);
    }

    [Fact]
    public void Bars_tile_the_width_in_order_and_every_segment_is_inside_the_plot()
    {
        long[] humans = [5, 0, 12, 7, 1, 0, 30, 2];
        long[] bots = [1, 4, 0, 0, 0, 0, 3, 0];
        var chart = new TimeChart(Days(humans.Length), [new ChartSeries("Humans", 1, humans), new ChartSeries("Bots", 2, bots)], "day");

        Assert.Equal([6L, 4, 12, 7, 1, 0, 33, 2], chart.Totals);
        Assert.Equal(6, chart.PeakIndex);
        Assert.Equal(40, chart.Axis.Max);
        for (var i = 0; i < chart.Bars.Count; i++)
        {
            var bar = chart.Bars[i];
            Assert.InRange(bar.X, i * 12.5, ((i + 1) * 12.5) - bar.Width);
            var height = bar.Segments.Sum(s => s.Height);
            Assert.Equal(186.0 * chart.Totals[i] / 40, height, 6);
            Assert.All(bar.Segments, s => Assert.InRange(s.Y, TimeChart.PlotTop, TimeChart.Baseline));
        }

        Assert.Empty(chart.Bars[5].Segments);
        Assert.Single(chart.Bars[1].Segments);
    }

    [Fact]
    public void Many_buckets_touch_and_keep_a_few_labels_with_more_on_wide_screens()
    {
        var count = 2000;
        var values = Enumerable.Range(0, count).Select(i => (long)(i % 17)).ToArray();
        var chart = new TimeChart(Hours(count), [new ChartSeries("Humans", 1, values)], "hour");

        Assert.Equal(100.0 / count, chart.Bars[0].Width, 9);
        Assert.Equal(chart.Bars[0].X + chart.Bars[0].Width, chart.Bars[1].X, 9);
        Assert.InRange(chart.Labels.Count, 2, TimeChart.WideLabels);
        Assert.InRange(chart.Labels.Count(l => !l.WideOnly), 2, TimeChart.NarrowLabels);
        Assert.Equal(0, chart.Labels[0].Index);
        Assert.False(chart.Labels[0].WideOnly);
    }

    [Fact]
    public void Labels_near_the_edges_line_up_with_their_bar_instead_of_sticking_out()
    {
        var chart = new TimeChart(Hours(25), [new ChartSeries("Humans", 1, new long[25])], "hour");

        Assert.Equal(("start", 0.0), (chart.Labels[0].Anchor, chart.Labels[0].X));
        Assert.All(chart.Labels, l => Assert.InRange(l.X, 0, 100));
        Assert.Equal("00:00", chart.Labels[0].Line1);
        Assert.Equal("Nov 1", chart.Labels[0].Line2);
        var last = new TimeChart(Days(2), [new ChartSeries("Humans", 1, [1, 1])], "day").Labels;
        Assert.Equal(["middle", "middle"], last.Select(l => l.Anchor));
        var edge = new TimeChart(Days(30), [new ChartSeries("Humans", 1, new long[30])], "day").Labels;
        Assert.Equal("start", edge[0].Anchor);
    }

    [Fact]
    public void Large_numbers_keep_the_geometry_inside_the_plot()
    {
        long[] values = [3_000_000_000, 12_345_678_901, 1];
        var chart = new TimeChart(Days(3), [new ChartSeries("Humans", 1, values)], "month");

        Assert.Equal(15_000_000_000, chart.Axis.Max);
        Assert.Equal(1, chart.PeakIndex);
        Assert.All(chart.Bars.SelectMany(b => b.Segments), s => Assert.InRange(s.Y, TimeChart.PlotTop, TimeChart.Baseline));
        Assert.Equal(["0", "5B", "10B", "15B"], chart.Gridlines.Select(g => ChartText.Short(g.Value)));
    }

    [Fact]
    public void A_series_of_the_wrong_length_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new TimeChart(Days(3), [new ChartSeries("Humans", 1, [1, 2])], "day"));
    }

    [Fact]
    public void Attribute_numbers_are_invariant()
    {
        Assert.Equal("12.346%", TimeChart.Percent(12.34567));
        Assert.Equal("100%", TimeChart.Percent(100));
        Assert.Equal("7.5", TimeChart.Pixels(7.5));
    }

    private static DateTimeOffset[] Days(int count) => [.. Enumerable.Range(0, count).Select(i => Start.AddDays(i))];

    private static DateTimeOffset[] Hours(int count) => [.. Enumerable.Range(0, count).Select(i => Start.AddHours(i))];
}
