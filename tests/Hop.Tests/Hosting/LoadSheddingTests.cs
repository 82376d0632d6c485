using Hop.Hosting;
using Hop.Observability;
using Microsoft.Extensions.Options;

namespace Hop.Tests.Hosting;

public class LoadSheddingTests
{
    /// <summary>Each class has its own count: a full class refuses until a slot is given back, and the
    /// others are not touched by it.</summary>
    [Fact]
    public void A_full_class_refuses_until_a_slot_is_given_back_and_leaves_the_others_alone()
    {
        var shedding = new LoadShedding(Options.Create(new LoadSheddingOptions { RedirectMisses = 2, Requests = 3 }), new HopMetrics());

        Assert.True(shedding.TryEnter(LoadClass.RedirectMiss));
        Assert.True(shedding.TryEnter(LoadClass.RedirectMiss));
        Assert.False(shedding.TryEnter(LoadClass.RedirectMiss));
        Assert.Equal(2, shedding.InProgress(LoadClass.RedirectMiss));

        Assert.True(shedding.TryEnter(LoadClass.Request));
        Assert.Throws<ArgumentOutOfRangeException>(() => shedding.TryEnter(LoadClass.Heavy));

        shedding.Exit(LoadClass.RedirectMiss);
        Assert.True(shedding.TryEnter(LoadClass.RedirectMiss));
        Assert.Equal(2, shedding.InProgress(LoadClass.RedirectMiss));
        Assert.Equal(1, shedding.InProgress(LoadClass.Request));
    }

    /// <summary>Many threads at once never hold more slots than the limit.</summary>
    [Fact]
    public async Task Concurrent_entries_never_pass_the_limit()
    {
        var shedding = new LoadShedding(Options.Create(new LoadSheddingOptions { RedirectMisses = 5 }), new HopMetrics());
        var most = 0;
        var holding = 0;
        await Parallel.ForAsync(0, 20_000, TestContext.Current.CancellationToken, (_, _) =>
        {
            if (shedding.TryEnter(LoadClass.RedirectMiss))
            {
                var now = Interlocked.Increment(ref holding);
                int seen;
                while ((seen = Volatile.Read(ref most)) < now && Interlocked.CompareExchange(ref most, now, seen) != seen)
                {
                }

                Interlocked.Decrement(ref holding);
                shedding.Exit(LoadClass.RedirectMiss);
            }

            return ValueTask.CompletedTask;
        });

        Assert.InRange(most, 1, 5);
        Assert.Equal(0, shedding.InProgress(LoadClass.RedirectMiss));
    }
}
