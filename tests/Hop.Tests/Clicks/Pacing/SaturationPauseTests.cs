using Hop.Clicks.Pacing;
using Hop.Observability;

namespace Hop.Tests.Clicks.Pacing;

/// <summary>The pause on a fake clock: time moves only as far as a rest waits.</summary>
public class SaturationPauseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cpu_with_room_lets_the_writer_go_on_without_resting()
    {
        var time = new WatchedTime();
        var pause = Pause(time, recentBusyShare: 0.5, busyPerRead: 100, idlePerRead: 0);

        var rest = pause.RestAsync(TimeSpan.FromMilliseconds(100), Ct);

        Assert.True(rest.IsCompletedSuccessfully);
        Assert.Equal(TimeSpan.Zero, await rest);
    }

    [Fact]
    public async Task While_the_cpu_stays_saturated_without_the_writer_it_rests_nine_times_the_batch_capped()
    {
        var time = new WatchedTime();
        var pause = Pause(time, recentBusyShare: 1, busyPerRead: 100, idlePerRead: 1);

        var rest = pause.RestAsync(TimeSpan.FromMilliseconds(30), Ct);
        Assert.Equal(TimeSpan.FromMilliseconds(270), await time.RunUntilDoneAsync(rest));
        Assert.Equal(TimeSpan.FromMilliseconds(270), await rest);

        var capped = pause.RestAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(SaturationPause.MaxRest, await time.RunUntilDoneAsync(capped));
        Assert.Equal(SaturationPause.MaxRest, await capped);
    }

    [Fact]
    public async Task A_step_with_room_ends_the_rest_and_no_rest_starts_for_a_while()
    {
        // The writer's own load made the CPU look saturated; without it, the CPU is 70% busy.
        var time = new WatchedTime();
        var pause = Pause(time, recentBusyShare: 1, busyPerRead: 70, idlePerRead: 30);

        var rest = pause.RestAsync(TimeSpan.FromSeconds(1), Ct);
        Assert.Equal(SaturationPause.Step, await time.RunUntilDoneAsync(rest));
        Assert.Equal(SaturationPause.Step, await rest);

        time.Advance(SaturationPause.Quiet - TimeSpan.FromTicks(1));
        var quiet = pause.RestAsync(TimeSpan.FromSeconds(1), Ct);
        Assert.True(quiet.IsCompletedSuccessfully);
        Assert.Equal(TimeSpan.Zero, await quiet);

        time.Advance(TimeSpan.FromTicks(1));
        var again = pause.RestAsync(TimeSpan.FromSeconds(1), Ct);
        Assert.Equal(SaturationPause.Step, await time.RunUntilDoneAsync(again));
    }

    [Fact]
    public async Task Stopping_ends_a_rest_at_once()
    {
        var time = new WatchedTime();
        var pause = Pause(time, recentBusyShare: 1, busyPerRead: 100, idlePerRead: 0);
        using var stopping = new CancellationTokenSource();

        var rest = pause.RestAsync(TimeSpan.FromSeconds(1), stopping.Token);
        Assert.Equal(SaturationPause.Step, await time.NextTimerAsync(rest));
        await stopping.CancelAsync();

        // The clock stands still, so only the stop can have ended the rest.
        Assert.Equal(TimeSpan.Zero, await rest.WaitAsync(TimeSpan.FromSeconds(30), Ct));
    }

    /// <summary>A pause that sees <paramref name="recentBusyShare"/> of the CPU busy lately, and CPU
    /// times that grow by the given ticks at every read.</summary>
    private static SaturationPause Pause(WatchedTime time, double recentBusyShare, long busyPerRead, long idlePerRead) =>
        new(() => recentBusyShare, FakeCpu.Growing(busyPerRead, idlePerRead), time, new HopMetrics());
}
