using Hop.Observability;

namespace Hop.Clicks.Pacing;

/// <summary>
/// Pacing for a click writer whose database runs in other processes (PostgreSQL); the
/// <see cref="Writing.ClickPump"/> calls it after every batch. Hop lowers its own writer thread's
/// priority (<see cref="BackgroundLane"/>), but most of the CPU a PostgreSQL batch takes is spent in the
/// server's processes, which keep their normal priority. So when the host's CPU has lately been
/// saturated (<see cref="SaturatedShare"/>), the pump rests after a batch, up to <see cref="Factor"/>
/// times as long as the batch took, in steps. A step in which the CPU, the writer resting, is less than
/// <see cref="SaturatedWithoutWriter"/> busy ends the rest, and no rest starts for <see cref="Quiet"/>:
/// the saturation was the writer's own, as at half the maximum rate. While the redirects alone fill the
/// CPU the writer takes about a tenth of the time it otherwise would, like a nice-10 thread; the queue
/// fills and drops (counted), and the redirects get the CPU.
/// </summary>
internal sealed class SaturationPause(
    Func<double> recentBusyShare, Func<HostCpu.CpuTimes?> readCpu, TimeProvider time, HopMetrics metrics)
{
    /// <summary>Busy share of the last half second, writer included, at which a rest begins.</summary>
    public const double SaturatedShare = 0.9;

    /// <summary>Busy share of a step, the writer resting, at which the rest goes on. Lower than
    /// <see cref="SaturatedShare"/>, so that redirects which alone nearly fill the CPU (a stream of cache
    /// misses) still make the writer rest, and above what the redirects alone take at half the maximum
    /// rate, where the writer must keep up.</summary>
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
