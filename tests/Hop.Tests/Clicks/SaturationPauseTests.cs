using System.Diagnostics;
using Hop.Clicks;
using Hop.Clicks.Pacing;
using Hop.Clicks.Writing;
using Hop.Observability;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hop.Tests.Clicks;

public class SaturationPauseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_aggregate_cpu_line_parses_into_busy_and_idle_ticks()
    {
        const string stat = "cpu  100 5 50 800 20 3 2 1 0 0\ncpu0 50 2 25 400 10 1 1 0 0 0\n";

        Assert.True(HostCpu.TryParse(stat, out var times));

        // idle + iowait are idle; user, nice, system, irq, softirq and steal are busy.
        Assert.Equal(new HostCpu.CpuTimes(Busy: 161, Idle: 820), times);
    }

    [Theory]
    [InlineData("cpu0 1 2 3 4 5 6 7 8")]
    [InlineData("intr 1 2 3 4 5")]
    [InlineData("cpu  1 2 3")]
    [InlineData("cpu  1 2 x 4 5 6 7 8")]
    [InlineData("")]
    public void Anything_but_an_aggregate_cpu_line_is_refused(string stat) =>
        Assert.False(HostCpu.TryParse(stat, out _));

    [Fact]
    public void The_busy_share_is_the_busy_part_of_the_ticks_between_two_samples()
    {
        var before = new HostCpu.CpuTimes(Busy: 1_000, Idle: 4_000);

        Assert.Equal(0.95, HostCpu.BusyBetween(before, new(Busy: 1_190, Idle: 4_010)), precision: 6);
        Assert.Equal(0, HostCpu.BusyBetween(before, before));
    }

    [Fact]
    public async Task On_linux_a_spinning_thread_shows_as_busy_cpu()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/proc/stat is Linux's");
        using var cpu = new HostCpu(TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var spin = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Thread.SpinWait(1_000);
            }
        }, Ct);

        await Task.Delay(HostCpu.Interval * 3, Ct);
        await stop.CancelAsync();
        await spin;

        // One core of the host spun for the whole last interval.
        Assert.InRange(cpu.BusyShare, 0.5 / Environment.ProcessorCount, 1);
    }

    [Fact]
    public async Task A_cpu_with_room_lets_the_writer_go_on_without_resting()
    {
        var pause = new SaturationPause(() => 0.5, Cpu(busyPerRead: 100, idlePerRead: 0), TimeProvider.System, new HopMetrics());

        Assert.Equal(TimeSpan.Zero, await pause.RestAsync(TimeSpan.FromMilliseconds(100), Ct));
    }

    [Fact]
    public async Task While_the_cpu_stays_saturated_without_the_writer_it_rests_nine_times_the_batch_capped()
    {
        var pause = new SaturationPause(() => 1, Cpu(busyPerRead: 100, idlePerRead: 1), TimeProvider.System, new HopMetrics());

        Assert.Equal(TimeSpan.FromMilliseconds(270), await pause.RestAsync(TimeSpan.FromMilliseconds(30), Ct));
        Assert.Equal(SaturationPause.MaxRest, await new SaturationPause(() => 1, Cpu(100, 1), new InstantTime(), new HopMetrics())
            .RestAsync(TimeSpan.FromSeconds(10), Ct));
    }

    [Fact]
    public async Task A_step_with_room_ends_the_rest_and_no_rest_starts_for_a_while()
    {
        // The writer's own load made the CPU look saturated; without it, the CPU is 70% busy.
        var pause = new SaturationPause(() => 1, Cpu(busyPerRead: 70, idlePerRead: 30), TimeProvider.System, new HopMetrics());

        Assert.Equal(SaturationPause.Step, await pause.RestAsync(TimeSpan.FromSeconds(1), Ct));
        Assert.Equal(TimeSpan.Zero, await pause.RestAsync(TimeSpan.FromSeconds(1), Ct));
    }

    [Fact]
    public async Task While_saturated_the_pump_rests_between_batches()
    {
        var transport = new TimedTransport(firstTakes: TimeSpan.FromMilliseconds(50));
        var (pump, _) = Pump(transport, busyShare: 1, clicks: 2);

        await pump.StartAsync(Ct);
        await transport.WaitForSendsAsync(2);
        await pump.StopAsync(Ct);

        // The first batch took at least 50 ms, so the pump rested at least 450 ms after it.
        Assert.True(transport.Starts[1] - transport.Starts[0] >= TimeSpan.FromMilliseconds(500),
            $"second batch began {(transport.Starts[1] - transport.Starts[0]).TotalMilliseconds} ms after the first");
    }

    [Fact]
    public async Task Stopping_ends_a_rest_so_the_queue_drains_at_once()
    {
        var transport = new TimedTransport(firstTakes: TimeSpan.FromMilliseconds(500));
        var (pump, queue) = Pump(transport, busyShare: 1, clicks: 3);
        await pump.StartAsync(Ct);
        await transport.WaitForSendsAsync(1);
        await transport.FirstDone.Task.WaitAsync(Ct);

        // The pump now rests 4.5 s after the first batch; stopping must not wait for it.
        var stopping = Stopwatch.StartNew();
        await pump.StopAsync(Ct);

        Assert.Equal(3, transport.Sent);
        Assert.Equal(0, queue.Depth);
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(3), $"stop took {stopping.Elapsed}");
    }

    /// <summary>A pump over a queue holding <paramref name="clicks"/> events, one per batch.</summary>
    private static (ClickPump Pump, ClickQueue Queue) Pump(IClickTransport transport, double busyShare, int clicks)
    {
        var options = Options.Create(new ClickOptions { BatchSize = 1, QueueCapacity = 10 });
        var metrics = new HopMetrics();
        var queue = new ClickQueue(options, metrics);
        var pause = new SaturationPause(() => busyShare, Cpu(busyPerRead: 100, idlePerRead: 0), TimeProvider.System, metrics);
        for (var i = 0; i < clicks; i++)
        {
            queue.Offer(Click());
        }

        return (new ClickPump(queue, transport, options, TimeProvider.System, NullLogger<ClickPump>.Instance, pause), queue);
    }

    /// <summary>CPU times that grow by the given ticks at every read.</summary>
    private static Func<HostCpu.CpuTimes?> Cpu(long busyPerRead, long idlePerRead)
    {
        var reads = 0L;
        return () =>
        {
            reads++;
            return new HostCpu.CpuTimes(reads * busyPerRead, reads * idlePerRead);
        };
    }

    /// <summary>A clock whose timers fire at once, so a 5 s rest takes no time in a test.</summary>
    private sealed class InstantTime : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            base.CreateTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.Zero, period);
    }

    private static ClickEvent Click() => new() { EventId = Guid.CreateVersion7(), LinkId = 1, OccurredAt = DateTime.UtcNow };

    /// <summary>Records when each batch began; the first one takes a while.</summary>
    private sealed class TimedTransport(TimeSpan firstTakes) : IClickTransport
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly SemaphoreSlim _sends = new(0);
        private int _sent;

        public List<TimeSpan> Starts { get; } = [];

        public TaskCompletionSource FirstDone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Sent => Volatile.Read(ref _sent);

        public async Task SendAsync(IReadOnlyList<ClickEvent> batch, CancellationToken ct)
        {
            lock (Starts)
            {
                Starts.Add(_clock.Elapsed);
            }

            var first = Interlocked.Increment(ref _sent) == 1;
            _sends.Release();
            if (first)
            {
                await Task.Delay(firstTakes, ct);
                FirstDone.TrySetResult();
            }
        }

        public async Task WaitForSendsAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                Assert.True(await _sends.WaitAsync(TimeSpan.FromSeconds(10), Ct), $"batch {i + 1} was never sent");
            }
        }
    }
}
