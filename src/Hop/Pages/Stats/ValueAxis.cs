namespace Hop.Pages.Stats;

/// <summary>
/// The value axis of a chart: from zero to a round maximum at or above the largest value, in a few
/// round steps (1, 2 or 5 times a power of ten, never below 1, since counts are whole). An empty or
/// all-zero series still gets an axis (0 to 1), so the chart keeps its shape.
/// </summary>
internal sealed class ValueAxis
{
    private ValueAxis(long max, long step)
    {
        Max = max;
        Step = step;
    }

    /// <summary>The top of the axis: a multiple of <see cref="Step"/>, at least 1.</summary>
    public long Max { get; }

    public long Step { get; }

    /// <summary>0, Step, 2·Step … Max.</summary>
    public IEnumerable<long> Ticks
    {
        get
        {
            for (var tick = 0L; tick <= Max; tick += Step)
            {
                yield return tick;
            }
        }
    }

    /// <summary>Counts above this are drawn at the top of the axis: no real link gets near it, and the
    /// arithmetic stays inside a long.</summary>
    public const long Largest = 1_000_000_000_000_000_000;

    /// <summary>An axis for values up to <paramref name="largest"/> with at most <paramref name="steps"/> steps.</summary>
    public static ValueAxis For(long largest, int steps = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (largest <= 1)
        {
            return new ValueAxis(1, 1);
        }

        largest = Math.Min(largest, Largest);
        var magnitude = Math.Max(1, Math.Pow(10, Math.Floor(Math.Log10((double)largest / steps))));
        var step = (long)magnitude;
        foreach (var factor in (ReadOnlySpan<double>)[1, 2, 5, 10])
        {
            step = (long)(magnitude * factor);
            if ((double)step * steps >= largest)
            {
                break;
            }
        }

        return new ValueAxis((largest + step - 1) / step * step, step);
    }

    /// <summary>Where <paramref name="value"/> falls, from 0 (the axis' bottom) to 1 (its top).</summary>
    public double Fraction(long value) => Math.Clamp((double)value / Max, 0, 1);
}
