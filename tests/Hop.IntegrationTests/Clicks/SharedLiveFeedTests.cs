using Hop.Clicks;
using Hop.Clicks.Writing;
using Hop.IntegrationTests.Infrastructure;
using Hop.IntegrationTests.Redirects;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Hop.IntegrationTests.Clicks;

/// <summary>Two instances on one database and one Redis: visits written by one instance's writer reach
/// the live stats a visitor of the other instance watches.</summary>
public sealed class SharedLiveFeedTests(HopInstances<Sqlite, SharedRedis> instances) : IClassFixture<HopInstances<Sqlite, SharedRedis>>
{
    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_batch_written_on_one_instance_reaches_the_live_stats_watched_on_another()
    {
        var (a, b) = (instances.Instance(0), instances.Instance(1));
        var owner = await a.CreateUserAsync();
        var (code, linkId) = await a.CreateOwnedLinkAsync(owner);
        var client = b.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", owner.ApiKey);

        using var response = await client.GetAsync($"/api/v1/links/{code}/stats/live", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        Assert.Equal(0, (await ClickTestKit.NextDataAsync(reader, Ct)).GetProperty("total").GetInt64());

        // Instance B has told Redis its visitor watches the link.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        await Poll.UntilAsync(async () => await redis.GetDatabase().SortedSetScoreAsync(ClickLiveFeed.WatchedKey, linkId) is not null,
            "instance B marks the link as watched");

        var writer = a.Services.GetRequiredService<ClickBatchWriter>();
        var now = a.Now.UtcDateTime;
        await writer.WriteAsync(
            [new ClickEvent { LinkId = linkId, OccurredAt = now, UserAgent = Chrome }, new ClickEvent { LinkId = linkId, OccurredAt = now, UserAgent = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)" }],
            Ct);

        var batch = await ClickTestKit.NextDataAsync(reader, Ct);
        Assert.Equal(2, batch.GetProperty("total").GetInt64());
        Assert.Equal(1, batch.GetProperty("unfurlers").GetInt64());
    }
}
