using System.Threading.Channels;
using Hop.Observability;
using Microsoft.Extensions.Options;

namespace Hop.Clicks.Writing;

/// <summary>
/// The bounded in-process queue between the redirect handler (<see cref="ClickRecorder"/>) and the
/// <see cref="ClickPump"/>, which takes its events in batches to the transport. Writing never waits:
/// when the queue is full the event is dropped and counted, so a slow database or an absent broker
/// never slows a redirect.
/// </summary>
internal sealed class ClickQueue
{
    private readonly Channel<ClickEvent> _channel;
    private long _received;
    private long _dropped;
    private long _sent;
    private long _inFlight;

    private readonly HopMetrics _metrics;

    public ClickQueue(IOptions<ClickOptions> options, HopMetrics metrics)
    {
        _metrics = metrics;
        metrics.ObserveQueueDepth(() => Depth);
        _channel = Channel.CreateBounded<ClickEvent>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public ChannelReader<ClickEvent> Reader => _channel.Reader;

    /// <summary>Every event the redirect handler offered.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Events dropped because the queue was full (or the process stopped before they left).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Events handed to the transport: written (in-process) or confirmed by the broker.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Events waiting in the queue plus the batch the transport is working on.</summary>
    public long Depth => _channel.Reader.Count + Interlocked.Read(ref _inFlight);

    public void Offer(ClickEvent click)
    {
        Interlocked.Increment(ref _received);
        _metrics.ClickReceived();
        if (!_channel.Writer.TryWrite(click))
        {
            Interlocked.Increment(ref _dropped);
            _metrics.ClickDropped();
        }
    }

    /// <summary>Stops accepting events; the reader drains what is left.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    public void BatchTaken(int count) => Interlocked.Add(ref _inFlight, count);

    public void BatchSent(int count)
    {
        Interlocked.Add(ref _sent, count);
        Interlocked.Add(ref _inFlight, -count);
    }

    public void BatchLost(int count)
    {
        Interlocked.Add(ref _dropped, count);
        _metrics.ClicksDropped(count);
        Interlocked.Add(ref _inFlight, -count);
    }
}
