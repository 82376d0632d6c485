namespace Hop.IntegrationTests.Clicks;

/// <summary>A small in-process queue, so that a broker outage overflows it.</summary>
public sealed class SmallQueueRabbitClicks : RabbitClicks
{
    public override int QueueCapacity => 40;
}
