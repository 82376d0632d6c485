namespace Hop.IntegrationTests.Clicks;

/// <summary>Batches that would wait ten minutes: only the shutdown drain writes them.</summary>
public sealed class SlowFlushClicks : FastClicks
{
    internal override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        .. base.Settings,
        new("Clicks:BatchSize", "5000"),
        new("Clicks:FlushInterval", "00:10:00"),
    ];
}
