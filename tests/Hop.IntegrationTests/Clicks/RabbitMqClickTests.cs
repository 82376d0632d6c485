using System.Net;
using System.Text.Json;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Hop.IntegrationTests.Clicks;

/// <summary>
/// The scaled-out mode: the app publishes clicks to RabbitMQ and <c>hop worker</c>, a real child
/// process, writes them. Every test class here shares the one broker, so they run one at a time.
/// </summary>
public abstract class RabbitMqWorkerKillTests(HopFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_worker_killed_mid_stream_and_restarted_counts_every_click_exactly_once()
    {
        const int clicks = 1000;
        var rabbit = (IRabbitClicksFactory)factory;
        var admin = await factory.CreateUserAsync(Hop.Accounts.Roles.Admin);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).AsUser(admin);
        var (code, linkId) = await factory.CreateOwnedLinkAsync(admin);

        await Parallel.ForAsync(0, clicks, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (_, ct) =>
            Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/{code}", ct)).StatusCode));
        // Everything is on the broker (confirmed) before any worker runs.
        await ClickTestKit.WaitUntilAsync(async () => (await AccountingAsync(client)).GetProperty("sent").GetInt64() == clicks,
            "the broker to confirm every click");
        Assert.Equal(0, (await AccountingAsync(client)).GetProperty("dropped").GetInt64());

        long storedAtKill;
        using (var first = WorkerProcess.Start(rabbit, batchSize: 10))
        {
            await ClickTestKit.WaitUntilAsync(async () => await StoredAsync(linkId) > 0, "the first worker to store a batch");
            first.Kill();
            storedAtKill = await StoredAsync(linkId);
            Assert.True(storedAtKill < clicks, $"The worker finished ({storedAtKill}) before it could be killed.");
        }

        using var second = WorkerProcess.Start(rabbit, batchSize: 10);
        await ClickTestKit.WaitUntilAsync(async () => await StoredAsync(linkId) >= clicks,
            $"the restarted worker to store the rest (output: {second.Output})", TimeSpan.FromSeconds(60));
        // Give redeliveries a moment to show up as extra visits if they were not deduplicated.
        await Task.Delay(500, Ct);

        Assert.Equal(clicks, await StoredAsync(linkId));
        var stats = await (await client.GetAsync($"/api/v1/links/{code}/stats?granularity=hour", Ct)).ReadJsonAsync();
        Assert.Equal(clicks, stats.GetProperty("totals").GetProperty("total").GetInt64());
        var accounting = await AccountingAsync(client);
        Assert.Equal(clicks, accounting.GetProperty("stored").GetInt64());
        Assert.False(second.HasExited, second.Output);
    }

    private Task<long> StoredAsync(long linkId) =>
        factory.WithClicksDbAsync(db => db.Visits.LongCountAsync(v => v.LinkId == linkId, Ct));

    private static async Task<JsonElement> AccountingAsync(HttpClient client) =>
        await (await client.GetAsync("/api/v1/admin/clicks", Ct)).ReadJsonAsync();
}

public abstract class RabbitMqOutageTests(HopFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The broker is down for about 30 s (stop_app and start_app take some 2 s each, plus about 26 s
    /// of redirects in between).
    /// </summary>
    [Fact]
    public async Task Redirects_keep_working_while_the_broker_is_down_and_the_books_balance_after()
    {
        const int before = 20;
        const int during = 650;
        var rabbit = (IRabbitClicksFactory)factory;
        var admin = await factory.CreateUserAsync(Hop.Accounts.Roles.Admin);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).AsUser(admin);
        var (code, linkId) = await factory.CreateOwnedLinkAsync(admin);
        using var worker = WorkerProcess.Start(rabbit, batchSize: 10);

        for (var i = 0; i < before; i++)
        {
            Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/{code}", Ct)).StatusCode);
        }

        await ClickTestKit.WaitUntilAsync(async () => await StoredAsync(linkId) == before,
            $"the worker to store the first clicks (output: {worker.Output})");

        await RabbitMqTestServer.CtlAsync("stop_app");
        try
        {
            for (var i = 0; i < during; i++)
            {
                Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/{code}", Ct)).StatusCode);
                await Task.Delay(40, Ct);
            }
        }
        finally
        {
            await RabbitMqTestServer.CtlAsync("start_app");
        }

        JsonElement books = default;
        await ClickTestKit.WaitUntilAsync(async () =>
        {
            books = await (await client.GetAsync("/api/v1/admin/clicks", Ct)).ReadJsonAsync();
            return books.GetProperty("queueDepth").GetInt64() == 0
                   && books.GetProperty("stored").GetInt64() + books.GetProperty("dropped").GetInt64() == before + during;
        }, $"the queue to drain after the broker returned (worker output: {worker.Output})", TimeSpan.FromSeconds(60));

        var dropped = books.GetProperty("dropped").GetInt64();
        Assert.Equal(before + during, books.GetProperty("received").GetInt64());
        // The queue holds 40 and the publisher one batch of 10: the rest of the outage's clicks overflowed.
        Assert.InRange(dropped, 1, during - 40);
        Assert.Equal(before + during - dropped, books.GetProperty("stored").GetInt64());
        Assert.Equal(before + during - dropped, await StoredAsync(linkId));
    }

    private Task<long> StoredAsync(long linkId) =>
        factory.WithClicksDbAsync(db => db.Visits.LongCountAsync(v => v.LinkId == linkId, Ct));
}

[Collection(RabbitMqCollection.Name)]
public sealed class SqliteRabbitMqWorkerKillTests(SqliteRabbitClicksFactory factory)
    : RabbitMqWorkerKillTests(factory), IClassFixture<SqliteRabbitClicksFactory>;

[Collection(RabbitMqCollection.Name)]
public sealed class PostgresRabbitMqWorkerKillTests(PostgresRabbitClicksFactory factory)
    : RabbitMqWorkerKillTests(factory), IClassFixture<PostgresRabbitClicksFactory>;

[Collection(RabbitMqCollection.Name)]
public sealed class SqliteRabbitMqOutageTests(SqliteSmallQueueRabbitClicksFactory factory)
    : RabbitMqOutageTests(factory), IClassFixture<SqliteSmallQueueRabbitClicksFactory>;

[Collection(RabbitMqCollection.Name)]
public sealed class PostgresRabbitMqOutageTests(PostgresSmallQueueRabbitClicksFactory factory)
    : RabbitMqOutageTests(factory), IClassFixture<PostgresSmallQueueRabbitClicksFactory>;

/// <summary>One broker for all: stopping it in one test must not break another.</summary>
[CollectionDefinition(Name)]
public sealed class RabbitMqCollection
{
    public const string Name = "RabbitMQ";
}
