using Hop.Redirects;
using StackExchange.Redis;

namespace Hop.Hosting;

/// <summary>
/// A Redis channel on which an instance announces that it changed data every instance holds in memory
/// (the blocklist, the domains), so that the others reload at once rather than at their next poll of
/// the change counter. Redis is only a shortcut: without it, or while it is down, nothing is announced
/// and the poll alone carries the change.
/// </summary>
internal sealed class ChangeAnnouncements(RedisChannel channel, LinkCache cache) : IDisposable
{
    private readonly string _instance = Guid.NewGuid().ToString("N")[..12];
    private readonly SemaphoreSlim _wake = new(0);
    private bool _subscribed;

    /// <summary>Tells the other instances, when Redis is there.</summary>
    public void Announce()
    {
        if (cache.Redis is not { IsConnected: true } redis)
        {
            return;
        }

        try
        {
            redis.GetSubscriber().Publish(channel, _instance, CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
            // The counter still reaches every instance on its next check.
        }
    }

    /// <summary>Listens on the channel once Redis is connected; a no-op after the first success.</summary>
    public async Task SubscribeAsync()
    {
        if (_subscribed || cache.Redis is not { IsConnected: true } redis)
        {
            return;
        }

        // The connection restores the subscription itself after a reconnect.
        await redis.GetSubscriber().SubscribeAsync(channel, (_, message) =>
        {
            if ((string?)message != _instance)
            {
                _wake.Release();
            }
        });
        _subscribed = true;
    }

    /// <summary>Waits until another instance announces a change, or <paramref name="pollInterval"/> passes.</summary>
    public Task WaitAsync(TimeSpan pollInterval, CancellationToken ct) => _wake.WaitAsync(pollInterval, ct);

    public void Dispose() => _wake.Dispose();
}
