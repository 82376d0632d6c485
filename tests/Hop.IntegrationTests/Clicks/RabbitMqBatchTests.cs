using System.Text.Json;
using Hop.Clicks;
using Hop.Clicks.Writing;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Hop.IntegrationTests.Clicks;

/// <summary>Over RabbitMQ a batch is one message: the broker carries about one message per
/// <c>Clicks:BatchSize</c> clicks, not one per click, and a message the worker cannot read is acked and
/// counted as dropped.</summary>
public abstract class RabbitMqBatchTests(HopHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Clicks_through_the_pump_travel_as_one_message_per_batch_and_count_once()
    {
        // The profile's batches hold 10 events.
        const int clicks = 1000;
        var owner = await host.CreateUserAsync();
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).AsUser(owner);
        var (code, linkId) = await host.CreateOwnedLinkAsync(owner);
        var queue = host.Services.GetRequiredService<ClickQueue>();
        var sentBefore = queue.Sent;
        for (var i = 0; i < clicks; i++)
        {
            queue.Offer(new ClickEvent { LinkId = linkId, OccurredAt = host.Now.UtcDateTime });
        }

        await Poll.UntilAsync(() => Task.FromResult(queue.Sent - sentBefore == clicks), "the broker to confirm every click");
        var rabbit = (RabbitClicks)host.Profile;
        // No worker yet: every message published stays on the queue. A batch closes at 10 events, or
        // earlier when the flush interval passes, so there may be a few more than 100. The broker
        // updates a quorum queue's count every few seconds, so it may lag behind at first.
        long messages = 0;
        await Poll.UntilAsync(async () => (messages = await RabbitMqTestServer.MessagesAsync(rabbit.Queue)) >= clicks / 10,
            $"the broker to count the messages of {rabbit.Queue}");
        Assert.InRange(messages, clicks / 10, clicks / 10 + 20);

        // Several messages to one write, so the worker takes up to 100 events at a time.
        using var worker = WorkerProcess.Start(host, batchSize: 100);
        await Poll.UntilAsync(async () => await TotalAsync(client, code) >= clicks,
            $"the worker to store every click (output: {worker.Output})");
        await Poll.UntilAsync(async () => await RabbitMqTestServer.MessagesAsync(rabbit.Queue) == 0,
            $"the worker to ack every message of {rabbit.Queue} (output: {worker.Output})");
        Assert.Equal(clicks, await TotalAsync(client, code));
        Assert.False(worker.HasExited, worker.Output);
    }

    [Fact]
    public async Task An_unreadable_message_is_acked_and_its_clicks_count_as_dropped()
    {
        var admin = await host.CreateUserAsync(Hop.Accounts.Roles.Admin);
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).AsUser(admin);
        var (code, linkId) = await host.CreateOwnedLinkAsync(admin);
        var before = await AccountingAsync(client);

        var (properties, body) = RabbitMqClickMessage.Write(new ClickBatch(Guid.CreateVersion7(),
        [
            new ClickEvent { LinkId = linkId, OccurredAt = host.Now.UtcDateTime },
            new ClickEvent { LinkId = linkId, OccurredAt = host.Now.UtcDateTime },
        ]));
        // The same message with its body cut short, as a broken publisher might send it; then a good one.
        var broken = new BasicProperties(properties) { MessageId = Guid.CreateVersion7().ToString() };
        await PublishAsync(broken, body[..(body.Length / 2)]);
        await PublishAsync(properties, body);

        var rabbit = (RabbitClicks)host.Profile;
        using var worker = WorkerProcess.Start(host, batchSize: 10);
        await Poll.UntilAsync(async () => await TotalAsync(client, code) >= 2
                                          && (await AccountingAsync(client)).GetProperty("unreadable").GetInt64()
                                          > before.GetProperty("unreadable").GetInt64(),
            $"the worker to store the good message and count the broken one (output: {worker.Output})");
        await Poll.UntilAsync(async () => await RabbitMqTestServer.MessagesAsync(rabbit.Queue) == 0,
            $"the worker to ack both messages of {rabbit.Queue} (output: {worker.Output})");

        var after = await AccountingAsync(client);
        Assert.Equal(2, after.GetProperty("unreadable").GetInt64() - before.GetProperty("unreadable").GetInt64());
        Assert.Equal(2, after.GetProperty("dropped").GetInt64() - before.GetProperty("dropped").GetInt64());
        Assert.Equal(2, after.GetProperty("stored").GetInt64() - before.GetProperty("stored").GetInt64());
        Assert.Equal(2, await TotalAsync(client, code));
        Assert.Contains(broken.MessageId!, worker.Output, StringComparison.Ordinal);
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

    private static async Task<long> TotalAsync(HttpClient client, string code) =>
        (await RouteStatsTests.GetStatsAsync(client, code, "granularity=hour")).GetProperty("totals").GetProperty("total").GetInt64();

    private static async Task<JsonElement> AccountingAsync(HttpClient client) =>
        await (await client.GetAsync("/api/v1/admin/clicks", Ct)).ReadJsonAsync();
}

[Collection(RabbitMqCollection.Name)]
public sealed class SqliteRabbitMqBatchTests(HopHost<Sqlite, RabbitClicks> host)
    : RabbitMqBatchTests(host), IClassFixture<HopHost<Sqlite, RabbitClicks>>;

[Collection(RabbitMqCollection.Name)]
public sealed class PostgresRabbitMqBatchTests(HopHost<Postgres, RabbitClicks> host)
    : RabbitMqBatchTests(host), IClassFixture<HopHost<Postgres, RabbitClicks>>;
