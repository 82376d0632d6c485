using System.Globalization;
using Hop.Observability;

namespace Hop.Clicks;

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

    private static bool TryRead(out CpuTimes times)
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

/// <summary>
/// Pacing for a click writer whose database runs in other processes (PostgreSQL). Hop lowers its own
/// writer thread's priority (<see cref="BackgroundLane"/>), but most of the CPU a PostgreSQL batch takes
/// is spent in the server's processes, which keep their normal priority. So while this host's CPU is
/// saturated (<see cref="SaturatedShare"/>), the pump rests after each batch <see cref="Factor"/> times
/// as long as the batch took: the writer then takes about a tenth of the time it would, like a nice-10
/// thread, the queue fills and drops (counted), and the redirects get the CPU. In paired runs on
/// 2 cores with the database on the same machine: cache-hot redirects about 34,000 to 54,000 per
/// second, p99 halved. At half the maximum rate the CPU is about 70% busy and nothing pauses.
/// </summary>
internal sealed class SaturationPause(Func<double> busyShare, HopMetrics metrics)
{
    public const double SaturatedShare = 0.95;
    public const int Factor = 9;

    /// <summary>The longest rest, whatever the batch took (a slow or retried batch).</summary>
    public static readonly TimeSpan MaxRest = TimeSpan.FromSeconds(5);

    /// <summary>For a writer whose CPU is all this process's: the lanes rank it, so it never rests.</summary>
    public static readonly SaturationPause Never = new(static () => 0, new HopMetrics());

    public SaturationPause(HostCpu cpu, HopMetrics metrics)
        : this(() => cpu.BusyShare, metrics)
    {
    }

    /// <summary>How long to rest after a batch that took <paramref name="batchTook"/>; zero unless the
    /// CPU is saturated.</summary>
    public TimeSpan After(TimeSpan batchTook)
    {
        if (busyShare() < SaturatedShare)
        {
            return TimeSpan.Zero;
        }

        var rest = TimeSpan.FromTicks(Math.Min(batchTook.Ticks * Factor, MaxRest.Ticks));
        metrics.ClickWriterPaused(rest);
        return rest;
    }
}
