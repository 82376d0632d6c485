namespace Hop.Clicks;

internal sealed class RabbitMqClickOptions
{
    public string? Uri { get; set; }

    /// <summary>A durable fanout exchange, so other consumers can bind queues of their own.</summary>
    public string Exchange { get; set; } = "hop.clicks";

    /// <summary>The durable quorum queue <c>hop worker</c> consumes.</summary>
    public string Queue { get; set; } = "hop.clicks.visits";

    /// <summary>How long a batch may wait for the broker's confirms before the connection is recycled.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Messages (batches) a worker holds unacked: what it writes next while one write runs.</summary>
    public ushort Prefetch { get; set; } = 16;
}
