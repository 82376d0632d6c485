using System.Text.Json;
using System.Threading.Channels;
using Hop.Hosting;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Hop.Clicks.Writing;

/// <summary>
/// <c>hop worker</c>: consumes click events from the quorum queue, writes them in batches through the
/// <see cref="ClickBatchWriter"/> and acks a batch only after its transaction has committed. A worker that dies mid-batch leaves its messages
/// unacked; the broker redelivers them and the writer skips the event ids already stored.
/// </summary>
internal sealed partial class RabbitMqClickConsumer(
    ClickBatchWriter writer, IOptions<ClickOptions> options, TimeProvider time, ILogger<RabbitMqClickConsumer> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConsumeAsync(() => backoff = TimeSpan.FromMilliseconds(100), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                SessionFailed(logger, backoff, e);
            }

            try
            {
                await Task.Delay(backoff, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    private async Task ConsumeAsync(Action connected, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        await using var connection = await RabbitMqTopology.Factory(settings.RabbitMq, "hop-worker")
            .CreateConnectionAsync(stoppingToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
        await RabbitMqTopology.DeclareAsync(channel, settings.RabbitMq, stoppingToken);
        await channel.BasicQosAsync(0, (ushort)Math.Min(ushort.MaxValue, settings.BatchSize * 2), false, stoppingToken);

        // Prefetch bounds this inbox; the message body is only valid inside the handler, so parse it there.
        // Not SingleReader: that channel cannot count, and the writer asks whether more is waiting.
        var inbox = Channel.CreateUnbounded<Delivery>();
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, message) =>
        {
            inbox.Writer.TryWrite(new Delivery(Parse(message.Body.Span), message.DeliveryTag));
            return Task.CompletedTask;
        };
        channel.ChannelShutdownAsync += (_, _) =>
        {
            inbox.Writer.TryComplete();
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(settings.RabbitMq.Queue, autoAck: false, consumer, stoppingToken);
        Consuming(logger, settings.RabbitMq.Queue);
        connected();

        var batch = new List<Delivery>(settings.BatchSize);
        while (await inbox.Reader.ReadBatchAsync(batch, settings.BatchSize, settings.FlushInterval, time, stoppingToken))
        {
            var events = batch.Where(d => d.Click is not null).Select(d => d.Click!).ToList();
            if (events.Count < batch.Count)
            {
                Unreadable(logger, batch.Count - events.Count);
            }

            await WriteWithRetryAsync(events, channel, stoppingToken);
            // Delivery tags rise on a channel, so one multiple-ack covers the batch.
            await channel.BasicAckAsync(batch[^1].Tag, multiple: true, CancellationToken.None);
            batch.Clear();
        }

        throw new InvalidOperationException("The RabbitMQ channel closed.");
    }

    /// <summary>Retries while the channel lives (the database may be restarting); once it is gone the
    /// broker redelivers, so the batch is abandoned.</summary>
    private async Task WriteWithRetryAsync(
        List<ClickEvent> events, IChannel channel, CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        ClickBatch[] batch = [new(Guid.CreateVersion7(), events)];
        while (true)
        {
            try
            {
                // A batch that has begun is finished even during shutdown, so its ack can follow.
                await writer.WriteAsync(batch, CancellationToken.None);
                return;
            }
            catch (Exception e) when (channel.IsOpen && !stoppingToken.IsCancellationRequested)
            {
                WriteFailed(logger, events.Count, backoff, e);
                await Task.Delay(backoff, time, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private static ClickEvent? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, HopJsonContext.Default.ClickEvent);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private readonly record struct Delivery(ClickEvent? Click, ulong Tag);

    [LoggerMessage(EventId = 530, Level = LogLevel.Information, Message = "Consuming clicks from RabbitMQ queue {Queue}")]
    private static partial void Consuming(ILogger logger, string queue);

    [LoggerMessage(EventId = 531, Level = LogLevel.Warning, Message = "RabbitMQ session ended; reconnecting in {Backoff}")]
    private static partial void SessionFailed(ILogger logger, TimeSpan backoff, Exception exception);

    [LoggerMessage(EventId = 532, Level = LogLevel.Warning, Message = "Could not write a batch of {Count} click event(s); retrying in {Backoff}")]
    private static partial void WriteFailed(ILogger logger, int count, TimeSpan backoff, Exception exception);

    [LoggerMessage(EventId = 533, Level = LogLevel.Warning, Message = "Acked and skipped {Count} unreadable message(s)")]
    private static partial void Unreadable(ILogger logger, int count);
}
