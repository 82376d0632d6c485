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

/// <summary>A click's route crosses the broker in the message body to <c>hop worker</c>; a batch
/// published twice counts once; a click message from before batches (one click, no route field) is a
/// visit to the link's target.</summary>
public abstract class RabbitMqRouteTests(HopHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Routes_cross_the_broker_are_counted_once_and_a_message_without_one_is_the_target()
    {
        var owner = await host.CreateUserAsync();
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).AsUser(owner);
        var (code, linkId) = await host.CreateOwnedLinkAsync(owner);
        var (_, oldLinkId) = await host.CreateOwnedLinkAsync(owner);
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

        // One batch on the broker twice, as a publisher's retry after a lost confirm sends it.
        var twice = new ClickBatch(Guid.CreateVersion7(), [Event(linkId, ClickRoute.Rule(1)), Event(linkId, ClickRoute.Target)]);
        var (properties, message) = RabbitMqClickMessage.Write(twice);
        await PublishAsync(properties, message);
        await PublishAsync(properties, message);

        // A message as a publisher before batches and routes wrote it: one click, no route field.
        var old = Event(oldLinkId, ClickRoute.Rule(0));
        var body = JsonSerializer.SerializeToNode(old, HopJsonContext.Default.ClickEvent)!.AsObject();
        Assert.Equal(ClickRoute.Rule(0), body["route"]!.GetValue<short>());
        body.Remove("route");
        await PublishAsync(
            new BasicProperties
            {
                Persistent = true, ContentType = "application/json", Type = RabbitMqClickMessage.ClickType,
                MessageId = Guid.CreateVersion7().ToString(),
            },
            JsonSerializer.SerializeToUtf8Bytes(body));

        var expected = events.Count + twice.Events.Count;
        using var worker = WorkerProcess.Start(host, batchSize: 10);
        await Poll.UntilAsync(async () => await StoredAsync(linkId) >= expected && await StoredAsync(oldLinkId) >= 1,
            $"the worker to store every click (output: {worker.Output})");
        var rabbit = (RabbitClicks)host.Profile;
        await Poll.UntilAsync(async () => await RabbitMqTestServer.MessagesAsync(rabbit.Queue) == 0,
            $"the broker to hold no message of {rabbit.Queue} (worker output: {worker.Output})");

        Assert.Equal(expected, await StoredAsync(linkId));
        var stats = await RouteStatsTests.GetStatsAsync(client, code, "granularity=hour");
        Assert.Equal(expected, stats.GetProperty("totals").GetProperty("total").GetInt64());
        Assert.Equal([(1, 2L), (2, 2L)], RouteStatsTests.Rules(stats));
        Assert.Equal([(1, 3L), (2, 1L)], RouteStatsTests.Variants(stats));
        Assert.Equal(ClickRoute.Target, await host.WithClicksDbAsync(db =>
            db.Visits.Where(v => v.LinkId == oldLinkId).Select(v => v.Route).SingleAsync(Ct)));
    }

    private async Task PublishAsync(BasicProperties properties, byte[] body)
    {
        var options = host.Services.GetRequiredService<IOptions<ClickOptions>>().Value.RabbitMq;
        await using var connection = await RabbitMqTopology.Factory(options, "hop-test").CreateConnectionAsync(Ct);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), Ct);
        await RabbitMqTopology.DeclareAsync(channel, options, Ct);
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
