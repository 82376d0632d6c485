using Hop.Clicks.Pacing;

namespace Hop.Tests.Clicks;

internal static class FakeCpu
{
    /// <summary>Host CPU times that grow by the given ticks at every read.</summary>
    public static Func<HostCpu.CpuTimes?> Growing(long busyPerRead, long idlePerRead)
    {
        var reads = 0L;
        return () =>
        {
            reads++;
            return new HostCpu.CpuTimes(reads * busyPerRead, reads * idlePerRead);
        };
    }
}
