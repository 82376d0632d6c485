using RabbitMQ.Client;

namespace Hop.Clicks.Writing;

internal static class RabbitMqTopology
{
    /// <summary>A durable fanout exchange with the workers' durable quorum queue bound to it. Declared by
    /// both sides, so either may start first.</summary>
    public static async Task DeclareAsync(IChannel channel, RabbitMqClickOptions options, CancellationToken ct)
    {
        await channel.ExchangeDeclareAsync(options.Exchange, ExchangeType.Fanout, durable: true, autoDelete: false,
            cancellationToken: ct);
        await channel.QueueDeclareAsync(options.Queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: ct);
        await channel.QueueBindAsync(options.Queue, options.Exchange, routingKey: "", cancellationToken: ct);
    }

    public static ConnectionFactory Factory(RabbitMqClickOptions options, string name) => new()
    {
        Uri = new Uri(options.Uri!),
        ClientProvidedName = name,
        // Reconnection is ours: a failed batch recycles the connection and is retried as a whole.
        AutomaticRecoveryEnabled = false,
        TopologyRecoveryEnabled = false,
        RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
    };
}
