using System.Text.Json;
using Hop.Clicks;
using Hop.Hosting;

namespace Hop.Tests.Clicks.Writing;

/// <summary>The click message on the broker carries the route, and a message without one is a visit to the link's target.</summary>
public class ClickEventJsonTests
{
    private static readonly ClickEvent Click = new()
    {
        LinkId = 42,
        OccurredAt = new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc),
        Route = ClickRoute.Variant(1),
    };

    [Fact]
    public void The_route_is_in_the_message_and_reads_back()
    {
        var json = JsonSerializer.Serialize(Click, HopJsonContext.Default.ClickEvent);

        Assert.Contains("\"route\":-2", json, StringComparison.Ordinal);
        Assert.Equal(Click, JsonSerializer.Deserialize(json, HopJsonContext.Default.ClickEvent));
    }

    [Fact]
    public void A_message_without_a_route_is_a_visit_to_the_target()
    {
        const string json = """{"linkId":42,"occurredAt":"2026-12-01T12:00:00Z"}""";

        var click = JsonSerializer.Deserialize(json, HopJsonContext.Default.ClickEvent);

        Assert.Equal(ClickRoute.Target, click!.Route);
        Assert.Equal(42, click.LinkId);
    }
}
