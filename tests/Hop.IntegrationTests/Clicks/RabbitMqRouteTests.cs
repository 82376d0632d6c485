using System.Text.Json;
using System.Text.Json.Nodes;
using Hop.Clicks;
using Hop.Clicks.Writing;
using Hop.Hosting;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Hop.IntegrationTests.Clicks;

/// <summary>A click's route crosses the broker in the message body to <c>hop worker</c>; a message from
/// before the field (none in the body) is a visit to the link's target.</summary>
public abstract class RabbitMqRouteTests(HopHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Routes_cross_the_broker_are_counted_once_and_a_message_without_one_is_the_target()
    {
        var owner = await host.CreateUserAsync();
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).AsUser(owner);
        var (code, linkId) = await host.CreateOwnedLinkAsync(owner);
        var queue = host.Services.GetRequiredService<ClickQueue>();
        var sentBefore = queue.Sent;
        short[] routes =
        [
            ClickRoute.Rule(0), ClickRoute.Rule(0), ClickRoute.Rule(1), ClickRoute.Variant(0), ClickRoute.Variant(0),
            ClickRoute.Variant(0), ClickRoute.Variant(1), ClickRoute.Target,
        ];
        var events = routes.Select(route => Event(linkId, route)).ToList();
        foreach (var click in events)
        {
            queue.Offer(click);
        }

        await Poll.UntilAsync(() => Task.FromResult(queue.Sent - sentBefore == events.Count), "the broker to confirm every click");

        // A message as a publisher without the route field wrote it.
        var old = Event(linkId, ClickRoute.Rule(0));
        var body = JsonSerializer.SerializeToNode(old, HopJsonContext.Default.ClickEvent)!.AsObject();
        Assert.Equal(ClickRoute.Rule(0), body["route"]!.GetValue<short>());
        body.Remove("route");
        await PublishAsync(JsonSerializer.SerializeToUtf8Bytes(body));

        using var worker = WorkerProcess.Start(host, batchSize: 10);
        await Poll.UntilAsync(async () => await StoredAsync(linkId) >= events.Count + 1,
            $"the worker to store every click (output: {worker.Output})");
        var rabbit = (RabbitClicks)host.Profile;
        await Poll.UntilAsync(async () => await RabbitMqTestServer.MessagesAsync(rabbit.Queue) == 0,
            $"the broker to hold no message of {rabbit.Queue} (worker output: {worker.Output})");

        Assert.Equal(events.Count + 1, await StoredAsync(linkId));
        var stats = await RouteStatsTests.GetStatsAsync(client, code, "granularity=hour");
        Assert.Equal(events.Count + 1, stats.GetProperty("totals").GetProperty("total").GetInt64());
        Assert.Equal([(1, 2L), (2, 1L)], RouteStatsTests.Rules(stats));
        Assert.Equal([(1, 3L), (2, 1L)], RouteStatsTests.Variants(stats));
        // The message without a route went to the target, as the one event of the list that did.
        Assert.Equal(2, await host.WithClicksDbAsync(db =>
            db.Visits.CountAsync(v => v.LinkId == linkId && v.Route == ClickRoute.Target, Ct)));
    }

    private async Task PublishAsync(byte[] body)
    {
        var options = host.Services.GetRequiredService<IOptions<ClickOptions>>().Value.RabbitMq;
        await using var connection = await RabbitMqTopology.Factory(options, "hop-test").CreateConnectionAsync(Ct);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), Ct);
        await RabbitMqTopology.DeclareAsync(channel, options, Ct);
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json", Type = "hop.click" };
        await channel.BasicPublishAsync(options.Exchange, "", false, properties, body, Ct);
    }

    private ClickEvent Event(long linkId, short route) => new()
    {
        LinkId = linkId,
        OccurredAt = host.Now.UtcDateTime,
        UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
        ClientIp = "198.51.100.9",
        Route = route,
    };

    private Task<long> StoredAsync(long linkId) =>
        host.WithClicksDbAsync(db => db.Visits.LongCountAsync(v => v.LinkId == linkId, Ct));
}

[Collection(RabbitMqCollection.Name)]
public sealed class SqliteRabbitMqRouteTests(HopHost<Sqlite, RabbitClicks> host)
    : RabbitMqRouteTests(host), IClassFixture<HopHost<Sqlite, RabbitClicks>>;

[Collection(RabbitMqCollection.Name)]
public sealed class PostgresRabbitMqRouteTests(HopHost<Postgres, RabbitClicks> host)
    : RabbitMqRouteTests(host), IClassFixture<HopHost<Postgres, RabbitClicks>>;
