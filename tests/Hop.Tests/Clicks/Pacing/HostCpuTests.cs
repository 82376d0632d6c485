using System.Diagnostics;
using Hop.Clicks.Pacing;
using Microsoft.Extensions.Time.Testing;

namespace Hop.Tests.Clicks.Pacing;

public class HostCpuTests
{
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
    public void On_linux_a_spinning_thread_shows_as_busy_cpu()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/proc/stat is Linux's");
        var time = new FakeTimeProvider();
        using var cpu = new HostCpu(time);
        Assert.True(HostCpu.TryRead(out var start));

        // This thread spins until the host has counted half a second of every core (50 ticks each at
        // Linux's 100 Hz) since the first sample; then the next sample is taken.
        var bound = Stopwatch.StartNew();
        while (HostCpu.TryRead(out var now) && now.Busy + now.Idle - start.Busy - start.Idle < 50 * Environment.ProcessorCount)
        {
            Assert.True(bound.Elapsed < TimeSpan.FromSeconds(30), "/proc/stat stopped counting");
            Thread.SpinWait(10_000);
        }

        time.Advance(HostCpu.Interval);

        // One core of the host spun for the whole interval.
        Assert.InRange(cpu.BusyShare, 0.5 / Environment.ProcessorCount, 1);
    }
}
