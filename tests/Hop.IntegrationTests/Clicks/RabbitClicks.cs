using System.Globalization;
using Hop.IntegrationTests.Infrastructure;

namespace Hop.IntegrationTests.Clicks;

/// <summary>Clicks go through RabbitMQ (HOP_TEST_RABBITMQ), on an exchange and queue of this profile's own;
/// <c>hop worker</c> (<see cref="WorkerProcess"/>) writes them.</summary>
public class RabbitClicks : FastClicks
{
    public string Exchange { get; } = $"hop.test.{Guid.NewGuid():N}";

    public string Queue => Exchange + ".visits";

    /// <summary>How many events the in-process queue holds while the broker cannot take them.</summary>
    public virtual int QueueCapacity => 100_000;

    internal override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        .. base.Settings,
        new("Clicks:Transport", "RabbitMq"),
        new("Clicks:RabbitMq:Uri", RabbitMqTestServer.Uri),
        new("Clicks:RabbitMq:Exchange", Exchange),
        new("Clicks:RabbitMq:Queue", Queue),
        new("Clicks:QueueCapacity", QueueCapacity.ToString(CultureInfo.InvariantCulture)),
        new("Clicks:BatchSize", "10"),
    ];
}
