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

/// <summary>
/// Pacing for a click writer whose database runs in other processes (PostgreSQL). Hop lowers its own
/// writer thread's priority (<see cref="BackgroundLane"/>), but most of the CPU a PostgreSQL batch takes
/// is spent in the server's processes, which keep their normal priority. So when the host's CPU has
/// lately been saturated (<see cref="SaturatedShare"/>), the pump rests after a batch, up to
/// <see cref="Factor"/> times as long as the batch took, in steps; a step in which the CPU, without
/// the writer, is less than <see cref="SaturatedWithoutWriter"/> busy ends the rest, and no rest starts for <see cref="Quiet"/>: the
/// saturation was the writer's own, as at half the maximum rate. While the redirects alone fill the
/// CPU the writer takes about a tenth of the time it otherwise would, like a nice-10 thread; the queue
/// fills and drops (counted), and the redirects get the CPU. In bench/redirect.sh, PostgreSQL on the
/// same 2 cores: cache-hot redirects 0.43× → 0.68× nginx's rate, p99 2.60× → 0.92×; cache-miss
/// 0.20× → 0.34×; none dropped at half the maximum.
/// </summary>
internal sealed class SaturationPause(
    Func<double> recentBusyShare, Func<HostCpu.CpuTimes?> readCpu, TimeProvider time, HopMetrics metrics)
{
    /// <summary>Busy share of the last half second, writer included, at which a rest begins.</summary>
    public const double SaturatedShare = 0.9;

    /// <summary>Busy share of a step, the writer resting, at which the rest goes on. Lower than
    /// <see cref="SaturatedShare"/>: in the cache-miss bench the redirects alone keep 2 cores 90–96%
    /// busy, at half the maximum rate on cache-hot links about 70%.</summary>
    public const double SaturatedWithoutWriter = 0.8;

    public const int Factor = 9;

    /// <summary>A step of a rest: long enough for <c>/proc/stat</c>'s 10 ms ticks to measure the
    /// busy share to a few percent (50 ticks on 2 cores).</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    /// <summary>After a step showed room, how long the writer goes on without resting.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(5);

    /// <summary>The longest rest, whatever the batch took (a slow or retried batch).</summary>
    public static readonly TimeSpan MaxRest = TimeSpan.FromSeconds(5);

    /// <summary>For a writer whose CPU is all this process's: the lanes rank it, so it never rests.</summary>
    public static readonly SaturationPause Never = new(static () => 0, static () => null, TimeProvider.System, new HopMetrics());

    private long _quietUntil;

    public SaturationPause(HostCpu cpu, TimeProvider time, HopMetrics metrics)
        : this(() => cpu.BusyShare, static () => HostCpu.TryRead(out var now) ? now : null, time, metrics)
    {
    }

    /// <summary>Rests after a batch that took <paramref name="batchTook"/> if the CPU is saturated
    /// without the writer; returns how long it rested. Cancelling <paramref name="stopping"/> ends the
    /// rest at once.</summary>
    public async Task<TimeSpan> RestAsync(TimeSpan batchTook, CancellationToken stopping)
    {
        if (time.GetTimestamp() < Volatile.Read(ref _quietUntil) || recentBusyShare() < SaturatedShare)
        {
            return TimeSpan.Zero;
        }

        var budget = TimeSpan.FromTicks(Math.Min(batchTook.Ticks * Factor, MaxRest.Ticks));
        var rested = TimeSpan.Zero;
        while (rested < budget && readCpu() is { } before)
        {
            var step = Step < budget - rested ? Step : budget - rested;
            try
            {
                await Task.Delay(step, time, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }

            metrics.ClickWriterPaused(step);
            rested += step;
            if (readCpu() is not { } after || HostCpu.BusyBetween(before, after) < SaturatedWithoutWriter)
            {
                Volatile.Write(ref _quietUntil, time.GetTimestamp() + (long)(Quiet.TotalSeconds * time.TimestampFrequency));
                break;
            }
        }

        return rested;
    }
}
