using Hop.Clicks.Pacing;

namespace Hop.Tests.Clicks.Pacing;

public class BackgroundLaneTests
{
    [Fact]
    public async Task Work_switched_to_a_lane_runs_on_its_thread_and_its_awaits_come_back_there()
    {
        using var low = BackgroundLane.Start("test low", LanePriority.Low);
        using var idle = BackgroundLane.Start("test idle", LanePriority.Idle);
        var threads = new List<string?>();

        await low.Run(async () =>
        {
            threads.Add(Thread.CurrentThread.Name);
            await idle.SwitchTo();
            threads.Add(Thread.CurrentThread.Name);
            // Completes on a pool thread; the continuation comes back through the lane.
            await Task.Run(() => { }, TestContext.Current.CancellationToken);
            threads.Add(Thread.CurrentThread.Name);
            await low.SwitchTo();
            threads.Add(Thread.CurrentThread.Name);
        });

        Assert.Equal(["test low", "test idle", "test idle", "test low"], threads);
    }

    [Fact]
    public async Task A_failing_loop_fails_the_task_that_run_returns()
    {
        using var lane = BackgroundLane.Start("test failing", LanePriority.Low);

        var run = lane.Run(async () =>
        {
            await Task.Yield();
            throw new InvalidOperationException("boom");
        });

        Assert.Equal("boom", (await Assert.ThrowsAsync<InvalidOperationException>(() => run)).Message);
    }

    /// <summary>Linux only by design: elsewhere a lane keeps the normal priority.</summary>
    [Fact]
    public async Task On_Linux_the_low_lane_is_niced_and_the_idle_lane_runs_under_SCHED_IDLE()
    {
        Assert.True(OperatingSystem.IsLinux(), "Hop's tests run on Linux");
        using var low = BackgroundLane.Start("test nice", LanePriority.Low);
        using var idle = BackgroundLane.Start("test sched-idle", LanePriority.Idle);

        (int Nice, int Policy) lowSchedule = default, idleSchedule = default;

        await low.Run(() =>
        {
            lowSchedule = ThreadSchedule();
            return Task.CompletedTask;
        });
        await idle.Run(() =>
        {
            idleSchedule = ThreadSchedule();
            return Task.CompletedTask;
        });

        Assert.Equal((BackgroundLane.Niceness, 0), lowSchedule);
        Assert.Equal(5, idleSchedule.Policy);
    }

    /// <summary>Nice value and scheduling policy (0 normal, 5 SCHED_IDLE) of the calling thread, from
    /// /proc/thread-self/stat (fields 19 and 41, counted after the parenthesised name).</summary>
    private static (int Nice, int Policy) ThreadSchedule()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (int.Parse(fields[19 - 3], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(fields[41 - 3], System.Globalization.CultureInfo.InvariantCulture));
    }
}
