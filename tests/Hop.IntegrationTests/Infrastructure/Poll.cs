using System.Diagnostics;

namespace Hop.IntegrationTests.Infrastructure;

/// <summary>
/// Waits on a condition that another thread or process makes true (a background batch, a broker, a
/// second instance). The limit only bounds a failure: a passing test never waits for it.
/// </summary>
internal static class Poll
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>True as soon as <paramref name="condition"/> holds; false if it still does not after <paramref name="limit"/>.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed >= limit)
            {
                return false;
            }

            await Task.Delay(Interval, TestContext.Current.CancellationToken);
        }

        return true;
    }

    /// <summary>Returns once <paramref name="condition"/> holds; fails the test, naming <paramref name="what"/>, after the limit.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? limit = null)
    {
        var bound = limit ?? DefaultLimit;
        if (!await EventuallyAsync(condition, bound))
        {
            Assert.Fail($"Still waiting for {what} after {bound.TotalSeconds:0} s.");
        }
    }
}
