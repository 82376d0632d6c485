using Hop.Clicks;
using Hop.Clicks.Writing;
using Hop.Observability;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hop.Tests.Clicks.Writing;

/// <summary>The pump on a fake clock: time moves only as far as the pump waits.</summary>
public class ClickPumpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stopping_sends_every_queued_batch_before_it_returns()
    {
        var time = new WatchedTime();
        var transport = new FailingTransport(failures: 0);
        var (pump, queue) = Pump(transport, time, clicks: 3);

        await pump.StartAsync(Ct);
        await pump.StopAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(3, transport.Attempts.Count);
        Assert.Equal(3, transport.Attempts.Select(b => b.Id).Distinct().Count());
        Assert.Equal(3, queue.Sent);
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public async Task A_failed_batch_is_sent_again_under_the_same_id_with_the_same_events()
    {
        var time = new WatchedTime();
        var transport = new FailingTransport(failures: 2);
        var (pump, queue) = Pump(transport, time, clicks: 2);

        await pump.StartAsync(Ct);
        // Time moves on only by the pump's backoffs between attempts.
        var waited = await time.RunUntilDoneAsync(transport.Delivered.Task);
        await pump.StopAsync(Ct);

        // Two failures of the first batch, then it and the second batch went through.
        Assert.Equal(4, transport.Attempts.Count);
        var first = transport.Attempts[0];
        Assert.All(transport.Attempts.Take(3), attempt => Assert.Same(first, attempt));
        Assert.Single(first.Events);
        Assert.NotEqual(first.Id, transport.Attempts[3].Id);
        Assert.Equal(7, first.Id.Version);
        Assert.Equal(TimeSpan.FromMilliseconds(100 + 200), waited);
        Assert.Equal(2, queue.Sent);
        Assert.Equal(0, queue.Dropped);
    }

    [Fact]
    public async Task A_transport_that_takes_two_batches_at_once_gets_the_next_while_the_last_is_in_flight()
    {
        var time = new WatchedTime();
        var transport = new OverlappingTransport();
        var (pump, queue) = Pump(transport, time, clicks: 3);

        await pump.StartAsync(Ct);
        // The first send returns only once the second has started: one batch after the other never ends.
        await pump.StopAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(3, transport.Started);
        Assert.Equal(2, transport.MostAtOnce);
        Assert.Equal(3, queue.Sent);
        Assert.Equal(0, queue.Depth);
    }

    /// <summary>A pump over a queue holding <paramref name="clicks"/> events, one per batch.</summary>
    private static (ClickPump Pump, ClickQueue Queue) Pump(
        IClickTransport transport, TimeProvider time, int clicks)
    {
        var options = Options.Create(new ClickOptions { BatchSize = 1, QueueCapacity = 10 });
        var metrics = new HopMetrics();
        var queue = new ClickQueue(options, metrics);
        for (var i = 0; i < clicks; i++)
        {
            queue.Offer(new ClickEvent { LinkId = 1, OccurredAt = time.GetUtcNow().UtcDateTime });
        }

        return (new ClickPump(queue, transport, options, time, NullLogger<ClickPump>.Instance), queue);
    }

    /// <summary>Fails the first <paramref name="failures"/> sends; records every batch it was given.</summary>
    private sealed class FailingTransport(int failures) : IClickTransport
    {
        public List<ClickBatch> Attempts { get; } = [];

        /// <summary>Completes once two batches have gone through.</summary>
        public TaskCompletionSource Delivered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task SendAsync(ClickBatch batch, CancellationToken ct)
        {
            lock (Attempts)
            {
                Attempts.Add(batch);
                if (Attempts.Count <= failures)
                {
                    throw new InvalidOperationException("The broker is down.");
                }

                if (Attempts.Count == failures + 2)
                {
                    Delivered.SetResult();
                }
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>Two batches in flight; the first waits for the second to start.</summary>
    private sealed class OverlappingTransport : IClickTransport
    {
        private readonly TaskCompletionSource _second = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _started;
        private int _inside;
        private int _mostAtOnce;

        public int Started => Volatile.Read(ref _started);

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public int InFlight => 2;

        public async Task SendAsync(ClickBatch batch, CancellationToken ct)
        {
            var inside = Interlocked.Increment(ref _inside);
            InterlockedMax(ref _mostAtOnce, inside);
            var number = Interlocked.Increment(ref _started);
            if (number == 2)
            {
                _second.SetResult();
            }

            if (number == 1)
            {
                await _second.Task.WaitAsync(ct);
            }

            Interlocked.Decrement(ref _inside);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}
