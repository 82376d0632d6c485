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
public abstract class RabbitMqWorkerKillTests(HopHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_worker_killed_mid_stream_and_restarted_counts_every_click_exactly_once()
    {
        const int clicks = 1000;
        var admin = await host.CreateUserAsync(Hop.Accounts.Roles.Admin);
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).AsUser(admin);
        var (code, linkId) = await host.CreateOwnedLinkAsync(admin);

        await Parallel.ForAsync(0, clicks, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (_, ct) =>
            Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/{code}", ct)).StatusCode));
        // Everything is on the broker (confirmed) before any worker runs.
        await Poll.UntilAsync(async () => (await AccountingAsync(client)).GetProperty("sent").GetInt64() == clicks,
            "the broker to confirm every click");
        Assert.Equal(0, (await AccountingAsync(client)).GetProperty("dropped").GetInt64());

        long storedAtKill;
        using (var first = WorkerProcess.Start(host, batchSize: 10))
        {
            await Poll.UntilAsync(async () => await StoredAsync(linkId) > 0, "the first worker to store a batch");
            first.Kill();
            storedAtKill = await StoredAsync(linkId);
            Assert.True(storedAtKill < clicks, $"The worker finished ({storedAtKill}) before it could be killed.");
        }

        using var second = WorkerProcess.Start(host, batchSize: 10);
        await Poll.UntilAsync(async () => await StoredAsync(linkId) >= clicks,
            $"the restarted worker to store the rest (output: {second.Output})", TimeSpan.FromSeconds(60));
        // The worker acks a batch only after its commit: once the queue holds no message, ready or
        // unacked, every redelivery has been written (or skipped) and none can still come.
        var queue = ((RabbitClicks)host.Profile).Queue;
        await Poll.UntilAsync(async () => await RabbitMqTestServer.MessagesAsync(queue) == 0,
            $"the broker to hold no message of {queue} (worker output: {second.Output})");

        Assert.Equal(clicks, await StoredAsync(linkId));
        var stats = await (await client.GetAsync($"/api/v1/links/{code}/stats?granularity=hour", Ct)).ReadJsonAsync();
        Assert.Equal(clicks, stats.GetProperty("totals").GetProperty("total").GetInt64());
        var accounting = await AccountingAsync(client);
        Assert.Equal(clicks, accounting.GetProperty("stored").GetInt64());
        Assert.Equal(clicks, accounting.GetProperty("received").GetInt64());
        Assert.Equal(0, accounting.GetProperty("dropped").GetInt64());
        Assert.False(second.HasExited, second.Output);
    }

    private Task<long> StoredAsync(long linkId) =>
        host.WithClicksDbAsync(db => db.Visits.LongCountAsync(v => v.LinkId == linkId, Ct));

    private static async Task<JsonElement> AccountingAsync(HttpClient client) =>
        await (await client.GetAsync("/api/v1/admin/clicks", Ct)).ReadJsonAsync();
}

public abstract class RabbitMqOutageTests(HopHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The broker is down while redirects go on until the in-process queue overflows (its 40 events and
    /// the publisher's batch of 10 wait for the broker; the next one is dropped), and for a fixed
    /// number of redirects more, each of which must be dropped too.
    /// </summary>
    [Fact]
    public async Task Redirects_keep_working_while_the_broker_is_down_and_the_books_balance_after()
    {
        const int before = 20;
        const int afterOverflow = 20;
        // Far more than the queue and a batch hold: only bounds a queue that never overflows.
        const int overflowLimit = 1_000;
        var admin = await host.CreateUserAsync(Hop.Accounts.Roles.Admin);
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).AsUser(admin);
        var (code, linkId) = await host.CreateOwnedLinkAsync(admin);
        using var worker = WorkerProcess.Start(host, batchSize: 10);

        for (var i = 0; i < before; i++)
        {
            Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/{code}", Ct)).StatusCode);
        }

        await Poll.UntilAsync(async () => await StoredAsync(linkId) == before,
            $"the worker to store the first clicks (output: {worker.Output})");

        var during = 0;
        await RabbitMqTestServer.CtlAsync("stop_app");
        try
        {
            while ((await AccountingAsync(client)).GetProperty("dropped").GetInt64() == 0)
            {
                Assert.True(during < overflowLimit, $"{during} redirects with the broker down and no click dropped");
                Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/{code}", Ct)).StatusCode);
                during++;
            }

            for (var i = 0; i < afterOverflow; i++)
            {
                Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/{code}", Ct)).StatusCode);
                during++;
            }
        }
        finally
        {
            await RabbitMqTestServer.CtlAsync("start_app");
        }

        JsonElement books = default;
        await Poll.UntilAsync(async () =>
        {
            books = await (await client.GetAsync("/api/v1/admin/clicks", Ct)).ReadJsonAsync();
            return books.GetProperty("queueDepth").GetInt64() == 0
                   && books.GetProperty("stored").GetInt64() + books.GetProperty("dropped").GetInt64() == before + during;
        }, $"the queue to drain after the broker returned (worker output: {worker.Output})", TimeSpan.FromSeconds(60));

        var dropped = books.GetProperty("dropped").GetInt64();
        Assert.Equal(before + during, books.GetProperty("received").GetInt64());
        // The queue holds 40 and the publisher one batch of 10: the rest of the outage's clicks overflowed,
        // the first one dropped and every one after it.
        Assert.InRange(dropped, afterOverflow + 1, during - 40);
        Assert.Equal(before + during - dropped, books.GetProperty("stored").GetInt64());
        Assert.Equal(before + during - dropped, await StoredAsync(linkId));
    }

    private Task<long> StoredAsync(long linkId) =>
        host.WithClicksDbAsync(db => db.Visits.LongCountAsync(v => v.LinkId == linkId, Ct));

    private static async Task<JsonElement> AccountingAsync(HttpClient client) =>
        await (await client.GetAsync("/api/v1/admin/clicks", Ct)).ReadJsonAsync();
}

[Collection(RabbitMqCollection.Name)]
public sealed class SqliteRabbitMqWorkerKillTests(HopHost<Sqlite, RabbitClicks> host)
    : RabbitMqWorkerKillTests(host), IClassFixture<HopHost<Sqlite, RabbitClicks>>;

[Collection(RabbitMqCollection.Name)]
public sealed class PostgresRabbitMqWorkerKillTests(HopHost<Postgres, RabbitClicks> host)
    : RabbitMqWorkerKillTests(host), IClassFixture<HopHost<Postgres, RabbitClicks>>;

[Collection(RabbitMqCollection.Name)]
public sealed class SqliteRabbitMqOutageTests(HopHost<Sqlite, SmallQueueRabbitClicks> host)
    : RabbitMqOutageTests(host), IClassFixture<HopHost<Sqlite, SmallQueueRabbitClicks>>;

[Collection(RabbitMqCollection.Name)]
public sealed class PostgresRabbitMqOutageTests(HopHost<Postgres, SmallQueueRabbitClicks> host)
    : RabbitMqOutageTests(host), IClassFixture<HopHost<Postgres, SmallQueueRabbitClicks>>;

/// <summary>One broker for all: stopping it in one test must not break another.</summary>
[CollectionDefinition(Name)]
public sealed class RabbitMqCollection
{
    public const string Name = "RabbitMQ";
}
