using Microsoft.Extensions.Options;

namespace Hop.Clicks.Writing;

/// <summary>
/// Takes batches from the <see cref="ClickQueue"/> (by count, or after the flush interval), gives each
/// a new id (<see cref="ClickBatch"/>) and sends it to the <see cref="IClickTransport"/>: in process to
/// the <see cref="ClickBatchWriter"/>, or to RabbitMQ. A failed batch (database or broker down) is
/// retried under the same id while new events wait in the bounded queue (up to the transport's
/// <see cref="IClickTransport.InFlight"/> batches are sent at once), so a batch that reached the
/// database before the failure was noticed is not counted twice. On shutdown it stops accepting events
/// and drains the queue until the host's shutdown timeout runs out; whatever is left then is counted
/// as dropped. The writer runs at the priority of the redirects: writing a batch costs a few
/// microseconds a click, and a writer ranked below them fell behind at the maximum rate and dropped
/// clicks (README, Benchmarks).
/// </summary>
internal sealed partial class ClickPump(
    ClickQueue queue, IClickTransport transport, IOptions<ClickOptions> options, TimeProvider time,
    ILogger<ClickPump> logger) : IHostedService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);
    private readonly CancellationTokenSource _hardStop = new();
    private Task? _loop;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_hardStop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        await using var registration = cancellationToken.Register(_hardStop.Cancel);
        if (_loop is not null)
        {
            await _loop;
        }

        if (queue.Depth > 0)
        {
            LostAtShutdown(logger, queue.Depth);
        }
    }

    private async Task RunAsync(CancellationToken hardStop)
    {
        var settings = options.Value;
        var batch = new List<ClickEvent>(settings.BatchSize);
        var sending = new List<Task>(transport.InFlight);
        try
        {
            while (await queue.Reader.ReadBatchAsync(batch, settings.BatchSize, settings.FlushInterval, time, hardStop))
            {
                queue.BatchTaken(batch.Count);
                sending.Add(SendWithRetryAsync(new ClickBatch(Guid.CreateVersion7(time.GetUtcNow()), [.. batch]), hardStop));
                batch.Clear();
                if (sending.Count >= transport.InFlight)
                {
                    sending.Remove(await Task.WhenAny(sending));
                }
            }
        }
        catch (OperationCanceledException) when (hardStop.IsCancellationRequested)
        {
            // Shutdown timed out: what is still here is lost, and counted.
            var left = batch.Count;
            queue.BatchTaken(left);
            while (queue.Reader.TryRead(out _))
            {
                left++;
                queue.BatchTaken(1);
            }

            queue.BatchLost(left);
        }

        await Task.WhenAll(sending);
    }

    /// <summary>Sends until the batch is durable, or counts it lost when the shutdown times out first;
    /// never throws.</summary>
    private async Task SendWithRetryAsync(ClickBatch batch, CancellationToken hardStop)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                await transport.SendAsync(batch, hardStop);
                queue.BatchSent(batch.Events.Count);
                return;
            }
            catch (OperationCanceledException) when (hardStop.IsCancellationRequested)
            {
                queue.BatchLost(batch.Events.Count);
                return;
            }
            catch (Exception e)
            {
                SendFailed(logger, batch.Id, batch.Events.Count, backoff, e);
                try
                {
                    await Task.Delay(backoff, time, hardStop);
                }
                catch (OperationCanceledException)
                {
                    queue.BatchLost(batch.Events.Count);
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Warning,
        Message = "Could not send batch {BatchId} of {Count} click event(s); retrying in {Backoff}")]
    private static partial void SendFailed(ILogger logger, Guid batchId, int count, TimeSpan backoff, Exception exception);

    [LoggerMessage(EventId = 501, Level = LogLevel.Error,
        Message = "Shutdown timed out with {Count} click event(s) unsent; they are counted as dropped")]
    private static partial void LostAtShutdown(ILogger logger, long count);
}
