using System.Threading.Channels;
using Hop.Data;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Hop.Clicks.Writing;

/// <summary>
/// <c>hop worker</c>: consumes click batches from the quorum queue, one message each
/// (<see cref="RabbitMqClickMessage"/>), writes what has arrived, several messages together up to
/// <see cref="ClickOptions.BatchSize"/> events, in one call of the <see cref="ClickBatchWriter"/>, and
/// acks those messages only after it has returned (committed). A worker that dies mid-write leaves its
/// messages unacked; the broker redelivers them and the writer skips each batch whose id it applied.
/// A message that cannot be read is acked, logged and counted (<see cref="UnreadableClicks"/>).
/// </summary>
internal sealed partial class RabbitMqClickConsumer(
    ClickBatchWriter writer, IServiceScopeFactory scopes, IOptions<ClickOptions> options, TimeProvider time,
    ILogger<RabbitMqClickConsumer> logger)
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
        await channel.BasicQosAsync(0, settings.RabbitMq.Prefetch, false, stoppingToken);

        // Prefetch bounds this inbox; the message body is only valid inside the handler, so read it there.
        // Not SingleReader: that channel cannot peek, and a write takes messages only while they fit.
        var inbox = Channel.CreateUnbounded<Delivery>();
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, message) =>
        {
            inbox.Writer.TryWrite(Receive(message));
            return Task.CompletedTask;
        };
        channel.ChannelShutdownAsync += (_, _) =>
        {
            inbox.Writer.TryComplete();
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(settings.RabbitMq.Queue, autoAck: false, consumer, stoppingToken);
        Consuming(logger, settings.RabbitMq.Queue, settings.RabbitMq.Prefetch);
        connected();

        var deliveries = new List<Delivery>(settings.RabbitMq.Prefetch);
        var batches = new List<ClickBatch>(settings.RabbitMq.Prefetch);
        while (await inbox.Reader.WaitToReadAsync(stoppingToken))
        {
            TakeWhatFits(inbox.Reader, deliveries, settings.BatchSize);
            batches.Clear();
            var unreadable = 0;
            foreach (var delivery in deliveries)
            {
                if (delivery.Batch is { } batch)
                {
                    batches.Add(batch);
                }
                else
                {
                    unreadable += delivery.Events;
                }
            }

            if (batches.Count > 0)
            {
                // A write that has begun is finished even during shutdown, so its ack can follow.
                await WithRetryAsync(() => writer.WriteAsync(batches, CancellationToken.None), channel, stoppingToken);
            }

            if (unreadable > 0)
            {
                await WithRetryAsync(() => CountUnreadableAsync(unreadable), channel, stoppingToken);
            }

            // Delivery tags rise on a channel, so one multiple-ack covers every message taken.
            await channel.BasicAckAsync(deliveries[^1].Tag, multiple: true, CancellationToken.None);
        }

        throw new InvalidOperationException("The RabbitMQ channel closed.");
    }

    /// <summary>Takes the first waiting message, and the next ones while the events stay within <paramref name="maxEvents"/>.</summary>
    private static void TakeWhatFits(ChannelReader<Delivery> inbox, List<Delivery> deliveries, int maxEvents)
    {
        deliveries.Clear();
        var events = 0;
        while (inbox.TryPeek(out var next) && (deliveries.Count == 0 || events + next.Events <= maxEvents)
               && inbox.TryRead(out next))
        {
            deliveries.Add(next);
            events += next.Events;
        }
    }

    private Delivery Receive(BasicDeliverEventArgs message)
    {
        if (RabbitMqClickMessage.Read(message.BasicProperties, message.Body) is { } batch)
        {
            return new Delivery(batch, batch.Events.Count, message.DeliveryTag);
        }

        var events = RabbitMqClickMessage.EventsOf(message.BasicProperties);
        Unreadable(logger, message.BasicProperties.MessageId, message.BasicProperties.Type, events);
        return new Delivery(null, events, message.DeliveryTag);
    }

    private async Task CountUnreadableAsync(int events)
    {
        await using var scope = scopes.CreateAsyncScope();
        await UnreadableClicks.AddAsync(scope.ServiceProvider.GetRequiredService<ClicksDbContext>(), events, CancellationToken.None);
    }

    /// <summary>Retries while the channel lives (the database may be restarting); once it is gone the
    /// broker redelivers, so the work is abandoned.</summary>
    private async Task WithRetryAsync(Func<Task> work, IChannel channel, CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                await work();
                return;
            }
            catch (Exception e) when (channel.IsOpen && !stoppingToken.IsCancellationRequested)
            {
                WriteFailed(logger, backoff, e);
                await Task.Delay(backoff, time, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    /// <param name="Batch">Null when the message could not be read.</param>
    /// <param name="Events">The batch's events, or what the header of an unreadable message says.</param>
    private readonly record struct Delivery(ClickBatch? Batch, int Events, ulong Tag);

    [LoggerMessage(EventId = 530, Level = LogLevel.Information,
        Message = "Consuming clicks from RabbitMQ queue {Queue}, {Prefetch} message(s) in flight")]
    private static partial void Consuming(ILogger logger, string queue, ushort prefetch);

    [LoggerMessage(EventId = 531, Level = LogLevel.Warning, Message = "RabbitMQ session ended; reconnecting in {Backoff}")]
    private static partial void SessionFailed(ILogger logger, TimeSpan backoff, Exception exception);

    [LoggerMessage(EventId = 532, Level = LogLevel.Warning, Message = "Could not write click batches; retrying in {Backoff}")]
    private static partial void WriteFailed(ILogger logger, TimeSpan backoff, Exception exception);

    [LoggerMessage(EventId = 570, Level = LogLevel.Warning,
        Message = "Acked and dropped unreadable message {MessageId} (type {Type}) of {Events} click event(s)")]
    private static partial void Unreadable(ILogger logger, string? messageId, string? type, int events);
}
