using Hop.Clicks;
using Hop.Clicks.Pacing;
using Hop.Clicks.Writing;
using Hop.Observability;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hop.Tests.Clicks.Writing;

/// <summary>The pump and its pause on a fake clock: time moves only as far as the pump waits.</summary>
public class ClickPumpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task While_saturated_the_pump_rests_between_batches()
    {
        var time = new WatchedTime();
        var transport = new TimedTransport(time, firstTakes: TimeSpan.FromMilliseconds(50));
        var (pump, _) = Pump(transport, time, busyShare: 1, clicks: 2);

        await pump.StartAsync(Ct);
        var rested = await time.RunUntilDoneAsync(transport.WaitForSendsAsync(2));
        await pump.StopAsync(Ct);

        // The first batch took 50 ms, so the pump rested nine times that before the second.
        Assert.Equal(TimeSpan.FromMilliseconds(450), rested);
        Assert.Equal(TimeSpan.FromMilliseconds(500), transport.Starts[1] - transport.Starts[0]);
    }

    [Fact]
    public async Task Stopping_ends_a_rest_so_the_queue_drains_at_once()
    {
        var time = new WatchedTime();
        var transport = new TimedTransport(time, firstTakes: TimeSpan.FromMilliseconds(500));
        var (pump, queue) = Pump(transport, time, busyShare: 1, clicks: 3);
        var started = time.GetUtcNow();

        await pump.StartAsync(Ct);
        // The first batch took 500 ms, so the pump now rests 4.5 s, a step at a time.
        Assert.Equal(SaturationPause.Step, await time.NextTimerAsync(transport.WaitForSendsAsync(2)));
        await pump.StopAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        // The clock stood still after the first batch: only the stop can have ended the rest.
        Assert.Equal(started + TimeSpan.FromMilliseconds(500), time.GetUtcNow());
        Assert.Equal(3, transport.Sent);
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public async Task A_failed_batch_is_sent_again_under_the_same_id_with_the_same_events()
    {
        var time = new WatchedTime();
        var transport = new FailingTransport(failures: 2);
        var (pump, queue) = Pump(transport, time, busyShare: 0, clicks: 2);

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

    /// <summary>A pump over a queue holding <paramref name="clicks"/> events, one per batch.</summary>
    private static (ClickPump Pump, ClickQueue Queue) Pump(
        IClickTransport transport, TimeProvider time, double busyShare, int clicks)
    {
        var options = Options.Create(new ClickOptions { BatchSize = 1, QueueCapacity = 10 });
        var metrics = new HopMetrics();
        var queue = new ClickQueue(options, metrics);
        var pause = new SaturationPause(() => busyShare, FakeCpu.Growing(busyPerRead: 100, idlePerRead: 0), time, metrics);
        for (var i = 0; i < clicks; i++)
        {
            queue.Offer(new ClickEvent { LinkId = 1, OccurredAt = time.GetUtcNow().UtcDateTime });
        }

        return (new ClickPump(queue, transport, options, time, NullLogger<ClickPump>.Instance, pause), queue);
    }

    /// <summary>Records the clock's time as each batch begins; the first one takes a while on that clock.</summary>
    private sealed class TimedTransport(WatchedTime time, TimeSpan firstTakes) : IClickTransport
    {
        private readonly SemaphoreSlim _sends = new(0);
        private int _sent;

        public List<DateTimeOffset> Starts { get; } = [];

        public int Sent => Volatile.Read(ref _sent);

        public Task SendAsync(ClickBatch batch, CancellationToken ct)
        {
            lock (Starts)
            {
                Starts.Add(time.GetUtcNow());
            }

            if (Interlocked.Increment(ref _sent) == 1)
            {
                time.Advance(firstTakes);
            }

            _sends.Release();
            return Task.CompletedTask;
        }

        /// <summary>Completes once <paramref name="count"/> more batches have begun.</summary>
        public async Task WaitForSendsAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                Assert.True(await _sends.WaitAsync(TimeSpan.FromSeconds(30), Ct), $"batch {i + 1} was never sent");
            }
        }
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
}
