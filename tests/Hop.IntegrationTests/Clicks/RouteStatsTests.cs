using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hop.Clicks;
using Hop.Clicks.Writing;
using Hop.IntegrationTests.Accounts;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hop.IntegrationTests.Clicks;

/// <summary>The route a visit took (its link's target, a rule, a variant) is counted per rule and per
/// variant, exactly once, and read back by the link's stats; once per provider.</summary>
public abstract class RouteStatsTests(HopHost host)
{
    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Clicks_recorded_with_a_route_are_counted_per_rule_and_per_variant_exactly()
    {
        var owner = await host.CreateUserAsync();
        var client = Client().AsUser(owner);
        var (code, linkId) = await host.CreateOwnedLinkAsync(owner);
        var recorder = host.Services.GetRequiredService<ClickRecorder>();
        (short Route, int Times)[] visits =
        [
            (ClickRoute.Target, 3), (ClickRoute.Rule(0), 5), (ClickRoute.Rule(2), 2),
            (ClickRoute.Variant(0), 4), (ClickRoute.Variant(1), 1),
        ];
        foreach (var (route, times) in visits)
        {
            for (var i = 0; i < times; i++)
            {
                recorder.Record(new DefaultHttpContext(), linkId, route);
            }
        }

        var stats = await WaitForTotalAsync(client, code, 15);

        Assert.Equal(15, stats.GetProperty("totals").GetProperty("total").GetInt64());
        Assert.Equal([(1, 5L), (3, 2L)], Rules(stats));
        Assert.Equal([(1, 4L), (2, 1L)], Variants(stats));
        var stored = await host.WithClicksDbAsync(db => db.Visits.Where(v => v.LinkId == linkId)
            .GroupBy(v => v.Route).Select(g => new { Route = g.Key, Count = g.Count() }).ToListAsync(Ct));
        Assert.Equal(visits.Select(v => (v.Route, v.Times)).Order(), stored.Select(s => (s.Route, s.Count)).Order());
        // One row per route other than the target, none for the target.
        var rows = await RouteRowsAsync(linkId);
        Assert.Equal([ClickRoute.Variant(1), ClickRoute.Variant(0), ClickRoute.Rule(0), ClickRoute.Rule(2)], rows.Select(r => r.Route).Order());
    }

    [Fact]
    public async Task Visits_to_the_links_target_write_no_route_row_and_show_empty_lists()
    {
        var owner = await host.CreateUserAsync();
        var client = Client().AsUser(owner);
        var (code, linkId) = await host.CreateOwnedLinkAsync(owner);
        var now = host.Now.UtcDateTime;

        await Writer().WriteAsync([Event(linkId, now), Event(linkId, now), Event(linkId, now, ClickRoute.Target)], Ct);

        var stats = await GetStatsAsync(client, code, "granularity=hour");
        Assert.Equal(3, stats.GetProperty("totals").GetProperty("total").GetInt64());
        Assert.Equal(JsonValueKind.Array, stats.GetProperty("rules").ValueKind);
        Assert.Empty(Rules(stats));
        Assert.Empty(Variants(stats));
        Assert.Empty(await RouteRowsAsync(linkId));
    }

    [Fact]
    public async Task A_redelivered_batch_changes_no_route_counter()
    {
        var owner = await host.CreateUserAsync();
        var client = Client().AsUser(owner);
        var (code, linkId) = await host.CreateOwnedLinkAsync(owner);
        var now = host.Now.UtcDateTime;
        var batch = ClickTestKit.Batch(Event(linkId, now, ClickRoute.Rule(1)), Event(linkId, now, ClickRoute.Variant(0)));

        var one = await Writer().WriteAsync([batch], Ct);
        var two = await Writer().WriteAsync([batch], Ct);
        var three = await Writer().WriteAsync([batch, ClickTestKit.Batch(Event(linkId, now, ClickRoute.Rule(1)))], Ct);

        Assert.Equal(new BatchResult(2, 0), one);
        Assert.Equal(new BatchResult(0, 2), two);
        Assert.Equal(new BatchResult(1, 2), three);
        var stats = await GetStatsAsync(client, code, "granularity=hour");
        Assert.Equal([(2, 2L)], Rules(stats));
        Assert.Equal([(1, 1L)], Variants(stats));
        Assert.Equal([(ClickRoute.Variant(0), 1L), (ClickRoute.Rule(1), 2L)], (await RouteRowsAsync(linkId)).Select(r => (r.Route, r.Count)).Order());
    }

    [Fact]
    public async Task Route_counters_of_several_batches_in_one_write_add_up()
    {
        var owner = await host.CreateUserAsync();
        var client = Client().AsUser(owner);
        var (code, linkId) = await host.CreateOwnedLinkAsync(owner);
        var now = host.Now.UtcDateTime;

        await Writer().WriteAsync(
        [
            ClickTestKit.Batch(Event(linkId, now, ClickRoute.Rule(0)), Event(linkId, now, ClickRoute.Variant(1))),
            ClickTestKit.Batch(Event(linkId, now, ClickRoute.Rule(0))),
        ], Ct);

        var stats = await GetStatsAsync(client, code, "granularity=hour");
        Assert.Equal([(1, 2L)], Rules(stats));
        Assert.Equal([(2, 1L)], Variants(stats));
    }

    [Fact]
    public async Task Stats_count_the_routes_of_the_requested_window_only()
    {
        var owner = await host.CreateUserAsync();
        var client = Client().AsUser(owner);
        var (code, linkId) = await host.CreateOwnedLinkAsync(owner);
        var now = host.Now.UtcDateTime;
        var late = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc).AddHours(-1);
        var early = late.AddHours(-3);
        await Writer().WriteAsync(
        [
            Event(linkId, early.AddMinutes(10), ClickRoute.Rule(0)), Event(linkId, early.AddMinutes(20), ClickRoute.Variant(2)),
            Event(linkId, late.AddMinutes(10), ClickRoute.Rule(0)), Event(linkId, late.AddMinutes(50), ClickRoute.Rule(0)),
            Event(linkId, late.AddMinutes(30), ClickRoute.Rule(1)), Event(linkId, late.AddMinutes(40), ClickRoute.Variant(0)),
        ], Ct);

        var lateOnly = await GetStatsAsync(client, code, $"from={ClickTestKit.Iso(late)}&to={ClickTestKit.Iso(late.AddHours(1))}&granularity=hour");
        Assert.Equal([(1, 2L), (2, 1L)], Rules(lateOnly));
        Assert.Equal([(1, 1L)], Variants(lateOnly));

        var earlyOnly = await GetStatsAsync(client, code, $"from={ClickTestKit.Iso(early)}&to={ClickTestKit.Iso(late)}&granularity=hour");
        Assert.Equal([(1, 1L)], Rules(earlyOnly));
        Assert.Equal([(3, 1L)], Variants(earlyOnly));

        var both = await GetStatsAsync(client, code, $"from={ClickTestKit.Iso(early)}&to={ClickTestKit.Iso(late.AddHours(1))}&granularity=hour");
        Assert.Equal([(1, 3L), (2, 1L)], Rules(both));
        Assert.Equal([(1, 1L), (3, 1L)], Variants(both));
    }

    [Fact]
    public async Task The_export_holds_the_route_counts_and_deleting_the_account_removes_them()
    {
        var alice = await host.CreateUserAsync();
        await host.SetPasswordAsync(alice.Id);
        var bob = await host.CreateUserAsync();
        var (code, linkId) = await host.CreateOwnedLinkAsync(alice);
        var (plain, plainId) = await host.CreateOwnedLinkAsync(alice);
        var (bobs, bobsId) = await host.CreateOwnedLinkAsync(bob);
        var now = host.Now.UtcDateTime;
        await Writer().WriteAsync(
        [
            Event(linkId, now, ClickRoute.Rule(0)), Event(linkId, now.AddDays(-3), ClickRoute.Rule(0)),
            Event(linkId, now, ClickRoute.Variant(1)), Event(plainId, now), Event(bobsId, now, ClickRoute.Rule(0)),
        ], Ct);

        using var exported = await alice.Client.GetAsync("/api/v1/me/export", Ct);
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        var links = (await exported.ReadJsonAsync()).GetProperty("links").EnumerateArray().ToList();
        var routed = links.Single(l => l.GetProperty("link").Str("code") == code);
        Assert.Equal([(1, 2L)], Rules(routed));
        Assert.Equal([(2, 1L)], Variants(routed));
        var unrouted = links.Single(l => l.GetProperty("link").Str("code") == plain);
        Assert.Empty(Rules(unrouted));
        Assert.Empty(Variants(unrouted));

        using var deleted = await alice.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me")
        {
            Content = JsonContent.Create(new { password = AccountsTestKit.Password }),
        }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        Assert.Empty(await RouteRowsAsync(linkId));
        Assert.Equal(0, await host.WithClicksDbAsync(db => db.Visits.CountAsync(v => v.LinkId == linkId, Ct)));
        // Bob's route counters stay.
        Assert.Equal([(ClickRoute.Rule(0), 1L)], (await RouteRowsAsync(bobsId)).Select(r => (r.Route, r.Count)));
        Assert.Equal([(1, 1L)], Rules(await GetStatsAsync(bob.Client, bobs, "granularity=hour")));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_rules_and_variants_of_a_links_stats()
    {
        using var document = JsonDocument.Parse(await host.CreateClient().GetStringAsync("/openapi/v1.json", Ct));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

        var stats = schemas.GetProperty("LinkStatsResponse").GetProperty("properties");
        Assert.Equal("#/components/schemas/RuleVisits", stats.GetProperty("rules").GetProperty("items").Str("$ref"));
        Assert.Equal("#/components/schemas/VariantVisits", stats.GetProperty("variants").GetProperty("items").Str("$ref"));
        Assert.Equal(["rule", "visits"], schemas.GetProperty("RuleVisits").GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["variant", "visits"], schemas.GetProperty("VariantVisits").GetProperty("properties").EnumerateObject().Select(p => p.Name));
    }

    private HttpClient Client() => host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private ClickBatchWriter Writer() => host.Services.GetRequiredService<ClickBatchWriter>();

    private Task<List<VisitRoute>> RouteRowsAsync(long linkId) =>
        host.WithClicksDbAsync(db => db.VisitRoutes.AsNoTracking().Where(r => r.LinkId == linkId).ToListAsync(Ct));

    private static ClickEvent Event(long linkId, DateTime at, short route = ClickRoute.Target) => new()
    {
        LinkId = linkId,
        OccurredAt = at,
        UserAgent = Chrome,
        ClientIp = "198.51.100.7",
        Route = route,
    };

    internal static (int Number, long Visits)[] Rules(JsonElement stats) =>
        [.. stats.GetProperty("rules").EnumerateArray().Select(r => (r.GetProperty("rule").GetInt32(), r.GetProperty("visits").GetInt64()))];

    internal static (int Number, long Visits)[] Variants(JsonElement stats) =>
        [.. stats.GetProperty("variants").EnumerateArray().Select(r => (r.GetProperty("variant").GetInt32(), r.GetProperty("visits").GetInt64()))];

    internal static async Task<JsonElement> GetStatsAsync(HttpClient client, string code, string query)
    {
        var response = await client.GetAsync($"/api/v1/links/{code}/stats?{query}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static async Task<JsonElement> WaitForTotalAsync(HttpClient client, string code, long expected)
    {
        var stats = default(JsonElement);
        await Poll.UntilAsync(async () =>
        {
            stats = await GetStatsAsync(client, code, "granularity=hour");
            return stats.GetProperty("totals").GetProperty("total").GetInt64() >= expected;
        }, $"{expected} visits of {code}");
        return stats;
    }
}

public sealed class SqliteRouteStatsTests(HopHost<Sqlite, FastClicks> host)
    : RouteStatsTests(host), IClassFixture<HopHost<Sqlite, FastClicks>>;

public sealed class PostgresRouteStatsTests(HopHost<Postgres, FastClicks> host)
    : RouteStatsTests(host), IClassFixture<HopHost<Postgres, FastClicks>>;
