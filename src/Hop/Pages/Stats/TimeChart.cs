using System.Globalization;

namespace Hop.Pages.Stats;

/// <summary>
/// The geometry of a time-series chart of stacked bars, worked out before any markup: one bar per
/// bucket, one segment per series (stacked in the order given), the value axis' gridlines and the
/// time axis' labels. Across, positions are percentages of the chart's width, so the SVG stretches
/// to any width while its text keeps its size (no viewBox scaling: a label is as legible at 375 px as
/// at 1440 px); down, they are pixels of a fixed height. A narrow screen shows every
/// <see cref="NarrowLabels"/>-th label, a wide one also those marked <see cref="AxisLabel.WideOnly"/>.
/// </summary>
internal sealed class TimeChart
{
    public const int Height = 240;
    public const int PlotTop = 18;
    public const int Baseline = 204;
    public const int NarrowLabels = 5;
    public const int WideLabels = 10;

    private const double PlotHeight = Baseline - PlotTop;

    public TimeChart(IReadOnlyList<DateTimeOffset> starts, IReadOnlyList<ChartSeries> series, string granularity)
    {
        if (series.Any(s => s.Values.Count != starts.Count))
        {
            throw new ArgumentException("Every series needs one value per bucket.", nameof(series));
        }

        Starts = starts;
        Series = series;
        Granularity = granularity;
        Totals = [.. Enumerable.Range(0, starts.Count).Select(i => series.Sum(s => Math.Max(0, s.Values[i])))];
        Total = Totals.Sum();
        Axis = ValueAxis.For(Totals.DefaultIfEmpty(0).Max());
        Gridlines = [.. Axis.Ticks.Select(t => new Gridline(t, Y(t)))];
        Bars = [.. Enumerable.Range(0, starts.Count).Select(BarAt)];
        Labels = LabelsFor(starts, granularity);
        PeakIndex = Total == 0 ? -1 : Array.IndexOf(Totals, Totals.Max());
    }

    public IReadOnlyList<DateTimeOffset> Starts { get; }
    public IReadOnlyList<ChartSeries> Series { get; }
    public string Granularity { get; }

    /// <summary>Each bucket's sum over the series.</summary>
    public long[] Totals { get; }

    public long Total { get; }
    public ValueAxis Axis { get; }
    public IReadOnlyList<Gridline> Gridlines { get; }
    public IReadOnlyList<Bar> Bars { get; }
    public IReadOnlyList<AxisLabel> Labels { get; }

    /// <summary>The first bucket with the most visits; −1 when there are none.</summary>
    public int PeakIndex { get; }

    public bool IsEmpty => Total == 0;

    /// <summary>A percentage for an SVG attribute: "12.345%".</summary>
    public static string Percent(double value) => value.ToString("0.###", CultureInfo.InvariantCulture) + "%";

    /// <summary>A pixel coordinate for an SVG attribute.</summary>
    public static string Pixels(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The height in pixels of <paramref name="value"/>'s gridline.</summary>
    public double Y(long value) => Baseline - (PlotHeight * Axis.Fraction(value));

    private Bar BarAt(int index)
    {
        var count = Starts.Count;
        // Bars stand apart while there is room and touch when there are many.
        var gap = count <= 40 ? 0.25 : count <= 120 ? 0.12 : 0;
        var slot = 100.0 / count;
        var segments = new List<Segment>(Series.Count);
        var below = 0L;
        for (var s = 0; s < Series.Count; s++)
        {
            var value = Math.Max(0, Series[s].Values[index]);
            if (value == 0)
            {
                continue;
            }

            var top = Y(below + value);
            segments.Add(new Segment(s, Series[s].Colour, top, Y(below) - top));
            below += value;
        }

        return new Bar(index, (index + (gap / 2)) * slot, (1 - gap) * slot, segments);
    }

    private static AxisLabel[] LabelsFor(IReadOnlyList<DateTimeOffset> starts, string granularity)
    {
        var count = starts.Count;
        if (count == 0)
        {
            return [];
        }

        var wideEvery = (count + WideLabels - 1) / WideLabels;
        var narrowEvery = wideEvery * (int)Math.Ceiling((double)count / NarrowLabels / wideEvery);
        var slot = 100.0 / count;
        var labels = new List<AxisLabel>();
        for (var i = 0; i < count; i += wideEvery)
        {
            var centre = (i + 0.5) * slot;
            // Near an edge a centred label would stick out of the chart; it lines up with its bar's edge instead.
            var (x, anchor) = centre < 6 ? (i * slot, "start") : centre > 94 ? ((i + 1) * slot, "end") : (centre, "middle");
            var (line1, line2) = ChartText.AxisLabel(starts[i], granularity);
            labels.Add(new AxisLabel(i, x, anchor, line1, line2, WideOnly: i % narrowEvery != 0));
        }

        return [.. labels];
    }

    /// <summary>A horizontal line at <paramref name="Value"/>, <paramref name="Y"/> pixels from the top.</summary>
    internal sealed record Gridline(long Value, double Y);

    /// <summary>A bucket's bar: across in percent, with its series' segments.</summary>
    internal sealed record Bar(int Index, double X, double Width, IReadOnlyList<Segment> Segments);

    /// <summary>One series' part of a bar: from <paramref name="Y"/> down <paramref name="Height"/> pixels.</summary>
    internal sealed record Segment(int Series, int Colour, double Y, double Height);

    /// <summary>The label under bucket <paramref name="Index"/>; <paramref name="X"/> in percent.</summary>
    internal sealed record AxisLabel(int Index, double X, string Anchor, string Line1, string? Line2, bool WideOnly);
}
