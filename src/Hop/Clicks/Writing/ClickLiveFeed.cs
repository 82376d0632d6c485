using System.Threading.Channels;

namespace Hop.Clicks.Writing;

/// <summary>
/// The last step of a batch: the <see cref="ClickBatchWriter"/> publishes the committed visits here, and
/// each link's live-stats subscribers (the stats API's event stream) get one <see cref="LiveVisits"/>. A
/// slow subscriber loses its oldest messages rather than holding up the writer.
/// </summary>
internal sealed class ClickLiveFeed
{
    private const int SubscriberBuffer = 64;
    private readonly Lock _lock = new();
    private readonly Dictionary<long, List<Channel<LiveVisits>>> _subscribers = [];

    public Subscription Subscribe(long linkId)
    {
        var channel = Channel.CreateBounded<LiveVisits>(new BoundedChannelOptions(SubscriberBuffer)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_lock)
        {
            if (!_subscribers.TryGetValue(linkId, out var list))
            {
                _subscribers[linkId] = list = [];
            }

            list.Add(channel);
        }

        return new Subscription(this, linkId, channel);
    }

    public void Publish(IEnumerable<EnrichedVisit> stored, DateTimeOffset committedAt)
    {
        lock (_lock)
        {
            if (_subscribers.Count == 0)
            {
                return;
            }
        }

        foreach (var group in stored.GroupBy(v => v.LinkId))
        {
            List<Channel<LiveVisits>>? targets;
            lock (_lock)
            {
                targets = _subscribers.TryGetValue(group.Key, out var list) ? [.. list] : null;
            }

            if (targets is null)
            {
                continue;
            }

            var message = new LiveVisits(VisitorCounts.Of(group.Select(v => v.Agent.Class))) { CommittedAt = committedAt };
            foreach (var target in targets)
            {
                target.Writer.TryWrite(message);
            }
        }
    }

    private void Remove(long linkId, Channel<LiveVisits> channel)
    {
        lock (_lock)
        {
            if (_subscribers.TryGetValue(linkId, out var list) && list.Remove(channel) && list.Count == 0)
            {
                _subscribers.Remove(linkId);
            }
        }
    }

    internal sealed class Subscription(ClickLiveFeed feed, long linkId, Channel<LiveVisits> channel) : IDisposable
    {
        public ChannelReader<LiveVisits> Reader => channel.Reader;

        public void Dispose() => feed.Remove(linkId, channel);
    }
}
