using System.Globalization;

namespace Hop.Clicks.Pacing;

/// <summary>
/// How busy this host's CPUs were lately: the share of CPU time not idle over the last
/// <see cref="Interval"/>, read from Linux's <c>/proc/stat</c> by a timer. Elsewhere, or if the file
/// cannot be read, the share is 0 and nothing is ever saturated.
/// </summary>
internal sealed class HostCpu : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private const string StatPath = "/proc/stat";
    private readonly ITimer? _timer;
    private CpuTimes _last;
    private double _busy;

    public HostCpu(TimeProvider time)
    {
        if (TryRead(out _last))
        {
            _timer = time.CreateTimer(_ => Sample(), null, Interval, Interval);
        }
    }

    /// <summary>Share of CPU time busy over the last interval, from 0 to 1.</summary>
    public double BusyShare => Volatile.Read(ref _busy);

    public void Dispose() => _timer?.Dispose();

    /// <summary>Parses the aggregate <c>cpu</c> line of <c>/proc/stat</c>: idle and iowait count as
    /// idle; user, nice, system, irq, softirq and steal as busy.</summary>
    internal static bool TryParse(ReadOnlySpan<char> stat, out CpuTimes times)
    {
        times = default;
        var end = stat.IndexOf('\n');
        var line = end < 0 ? stat : stat[..end];
        if (!line.StartsWith("cpu "))
        {
            return false;
        }

        var values = line["cpu ".Length..];
        Span<long> fields = stackalloc long[8];
        var count = 0;
        foreach (var range in values.Split(' '))
        {
            var field = values[range];
            if (field.IsEmpty)
            {
                continue;
            }

            if (count == fields.Length)
            {
                break;
            }

            if (!long.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out fields[count++]))
            {
                return false;
            }
        }

        if (count < 5)
        {
            return false;
        }

        var idle = fields[3] + fields[4];
        var busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7];
        times = new CpuTimes(busy, idle);
        return true;
    }

    internal static double BusyBetween(CpuTimes before, CpuTimes after)
    {
        var busy = after.Busy - before.Busy;
        var total = busy + after.Idle - before.Idle;
        return total <= 0 ? 0 : Math.Clamp((double)busy / total, 0, 1);
    }

    private void Sample()
    {
        if (TryRead(out var now))
        {
            Volatile.Write(ref _busy, BusyBetween(_last, now));
            _last = now;
        }
    }

    /// <summary>Reads the host's cumulative CPU times now; false off Linux or when unreadable.</summary>
    public static bool TryRead(out CpuTimes times)
    {
        times = default;
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            using var reader = new StreamReader(StatPath);
            return TryParse(reader.ReadLine() ?? "", out times);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Cumulative busy and idle CPU time, in clock ticks.</summary>
    internal readonly record struct CpuTimes(long Busy, long Idle);
}
