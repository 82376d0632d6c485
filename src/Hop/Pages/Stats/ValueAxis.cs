namespace Hop.Pages.Stats;

/// <summary>
/// The value axis of a chart: from zero to a round maximum at or above the largest value, in a few
/// round steps (1, 2, 2.5 or 5 times a power of ten, whole, since counts are). An empty or
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
        // Of the round steps that need from 2 to `steps` steps (a single step only when nothing else
        // fits), the one whose axis ends nearest the largest value, the finer on a tie: the bars fill the
        // plot and there is a gridline between bottom and top.
        var best = (Single: true, Max: long.MaxValue, Step: 1L);
        foreach (var factor in (ReadOnlySpan<double>)[1, 2, 2.5, 5, 10])
        {
            var exact = magnitude * factor;
            if (exact != Math.Floor(exact))
            {
                continue;
            }

            var step = (long)exact;
            var count = (largest + step - 1) / step;
            var candidate = (Single: count < 2, Max: count * step, Step: step);
            if (count <= steps && (candidate.Single, candidate.Max).CompareTo((best.Single, best.Max)) < 0)
            {
                best = candidate;
            }
        }

        return new ValueAxis(best.Max, best.Step);
    }

    /// <summary>Where <paramref name="value"/> falls, from 0 (the axis' bottom) to 1 (its top).</summary>
    public double Fraction(long value) => Math.Clamp((double)value / Max, 0, 1);
}
