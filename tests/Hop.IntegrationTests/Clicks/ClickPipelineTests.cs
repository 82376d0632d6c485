using System.Net;
using System.Text.Json;
using Hop.Clicks;
using Hop.Clicks.Writing;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hop.IntegrationTests.Clicks;

/// <summary>Redirects become visits, counted once, and the stats API reads them back; once per provider.</summary>
public abstract class ClickPipelineTests(HopHost host)
{

    private protected const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private const string IPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1.1 Mobile/15E148 Safari/604.1";
    private const string Slack = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)";
    private const string Curl = "curl/8.5.0";

    private readonly HttpClient _anonymous = NewClient(host);

    private protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    private protected static HttpClient NewClient(HopHost app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task N_redirects_become_exactly_N_visits()
    {
        var owner = await host.CreateUserAsync();
        var client = NewClient(host).AsUser(owner);
        var (code, linkId) = await host.CreateOwnedLinkAsync(owner);
        (string Agent, string? Referrer, string? Country, string Ip)[] visitors =
        [
            (Chrome, "https://news.ycombinator.com/item?id=1", "DE", "203.0.113.1"),
            (IPhone, null, "US", "203.0.113.2"),
            (Slack, "https://app.slack.com/client", null, "203.0.113.3"),
            (Curl, null, "XX", "203.0.113.4"),
        ];
        const int rounds = 60;

        await Parallel.ForAsync(0, rounds * visitors.Length, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (i, ct) =>
        {
            var (agent, referrer, country, ip) = visitors[i % visitors.Length];
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/{code}");
            request.Headers.TryAddWithoutValidation("User-Agent", agent);
            request.Headers.TryAddWithoutValidation(TestClientIp.IpHeader, ip);
            if (referrer is not null)
            {
                request.Headers.Referrer = new Uri(referrer);
            }

            if (country is not null)
            {
                request.Headers.Add("CF-IPCountry", country);
            }

            using var response = await _anonymous.SendAsync(request, ct);
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        });

        var expected = rounds * visitors.Length;
        var stats = await WaitForTotalAsync(client, code, expected);
        var totals = stats.GetProperty("totals");
        Assert.Equal(expected, totals.GetProperty("total").GetInt64());
        Assert.Equal(2 * rounds, totals.GetProperty("humans").GetInt64());
        Assert.Equal(rounds, totals.GetProperty("unfurlers").GetInt64());
        Assert.Equal(rounds, totals.GetProperty("bots").GetInt64());
        // One visitor hash per (ip, agent) on this day.
        Assert.Equal(visitors.Length, totals.GetProperty("uniqueVisitors").GetInt64());

        var top = stats.GetProperty("top");
        Assert.Equal(rounds, Entry(top, "referrers", "news.ycombinator.com"));
        Assert.Equal(rounds, Entry(top, "referrers", "app.slack.com"));
        Assert.Equal(2 * rounds, Entry(top, "referrers", "(direct)"));
        Assert.Equal(rounds, Entry(top, "browsers", "Chrome"));
        Assert.Equal(rounds, Entry(top, "browsers", "Slackbot"));
        Assert.Equal(rounds, Entry(top, "os", "iOS"));
        Assert.Equal(rounds, Entry(top, "devices", "Mobile"));
        Assert.Equal(rounds, Entry(top, "countries", "DE"));
        Assert.Equal(2 * rounds, Entry(top, "countries", "(unknown)"));

        // Exactly N raw visits, and none of them holds an IP.
        var visits = await host.WithClicksDbAsync(db => db.Visits.Where(v => v.LinkId == linkId).ToListAsync(Ct));
        Assert.Equal(expected, visits.Count);
        Assert.All(visits, v => Assert.Equal(1, v.SampleRate));
        Assert.All(visits, v => Assert.Equal(32, v.VisitorHash.Length));
    }

    [Fact]
    public async Task Shutdown_drains_the_queue()
    {
        await using var app = await HopHost.StartAsync(host.Provider, new SlowFlushClicks());
        var owner = await app.CreateUserAsync();
        var client = NewClient(app);
        var (code, linkId) = await app.CreateOwnedLinkAsync(owner);
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/{code}", Ct)).StatusCode);
        }

        Assert.Equal(0, await app.WithClicksDbAsync(db => db.Visits.CountAsync(v => v.LinkId == linkId, Ct)));
        var pump = app.Services.GetServices<IHostedService>().OfType<ClickPump>().Single();
        await pump.StopAsync(Ct);

        Assert.Equal(30, await app.WithClicksDbAsync(db => db.Visits.CountAsync(v => v.LinkId == linkId, Ct)));
        Assert.Equal(0, app.Services.GetRequiredService<ClickQueue>().Depth);
    }

    [Fact]
    public async Task The_same_batch_written_twice_is_counted_once()
    {
        var owner = await host.CreateUserAsync();
        var client = NewClient(host).AsUser(owner);
        var (code, linkId) = await host.CreateOwnedLinkAsync(owner);
        var writer = host.Services.GetRequiredService<ClickBatchWriter>();
        var now = host.Now.UtcDateTime;
        var batch = ClickTestKit.Batch(Event(linkId, now, Chrome), Event(linkId, now, IPhone), Event(linkId, now, Chrome));
        var duplicatesBefore = await CounterAsync(PipelineTotals.Duplicates);

        var one = await writer.WriteAsync([batch], Ct);
        var two = await writer.WriteAsync([batch], Ct);
        var three = await writer.WriteAsync([ClickTestKit.Batch(Event(linkId, now, Slack)), batch], Ct);
        // A new batch twice in one write, as a worker combining a message and its redelivery hands it over.
        var again = ClickTestKit.Batch(Event(linkId, now, IPhone), Event(linkId, now, Slack));
        var four = await writer.WriteAsync([again, again], Ct);

        Assert.Equal(new BatchResult(3, 0), one);
        Assert.Equal(new BatchResult(0, 3), two);
        Assert.Equal(new BatchResult(1, 3), three);
        Assert.Equal(new BatchResult(2, 2), four);
        Assert.Equal(8, await CounterAsync(PipelineTotals.Duplicates) - duplicatesBefore);
        var stats = await GetStatsAsync(client, code, "");
        Assert.Equal(6, stats.GetProperty("totals").GetProperty("total").GetInt64());
        Assert.Equal(6, await host.WithClicksDbAsync(db => db.Visits.CountAsync(v => v.LinkId == linkId, Ct)));
        // The batch id reads back as written, so EF and the writer agree on its storage format.
        Assert.True(await host.WithClicksDbAsync(db => db.AppliedBatches.AnyAsync(b => b.BatchId == batch.Id, Ct)));
    }

    [Fact]
    public async Task Two_writers_applying_the_same_batch_at_once_count_it_once()
    {
        var owner = await host.CreateUserAsync();
        var (_, linkId) = await host.CreateOwnedLinkAsync(owner);
        var writer = host.Services.GetRequiredService<ClickBatchWriter>();
        var now = host.Now.UtcDateTime;
        var batches = Enumerable.Range(0, 8)
            .Select(i => ClickTestKit.Batch([.. Enumerable.Range(0, 50).Select(j => Event(linkId, now, Chrome, ip: $"198.51.100.{j}"))]))
            .ToList();

        // Each batch twice, the copies racing each other (on PostgreSQL each on a connection of its own).
        var results = await Task.WhenAll(batches.Concat(batches).Select(b => Task.Run(() => writer.WriteAsync([b], Ct), Ct)));

        Assert.Equal(8 * 50, results.Sum(r => r.Stored));
        Assert.Equal(8 * 50, results.Sum(r => r.Duplicates));
        Assert.Equal(8 * 50, await host.WithClicksDbAsync(db =>
            db.VisitCounts.Where(c => c.LinkId == linkId).SumAsync(c => c.Counts.Total, Ct)));
        Assert.Equal(8 * 50, await host.WithClicksDbAsync(db => db.Visits.CountAsync(v => v.LinkId == linkId, Ct)));
        Assert.Equal(50, await host.WithClicksDbAsync(db => db.DailyVisitors.CountAsync(v => v.LinkId == linkId, Ct)));
    }

    [Fact]
    public async Task A_batch_of_many_clicks_over_few_links_writes_few_counter_rows()
    {
        var owner = await host.CreateUserAsync();
        var links = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            links.Add((await host.CreateOwnedLinkAsync(owner)).Id);
        }

        var hour = new DateTime(2011, 3, 4, 5, 0, 0, DateTimeKind.Utc);
        string[] agents = [Chrome, IPhone, Slack, Curl];
        const int clicks = 30_000;
        var events = Enumerable.Range(0, clicks).Select(i => Event(
            links[i % 3], hour.AddMinutes(i % 120), agents[i / 3 % 4], ip: $"198.51.100.{i % 10}")).ToList();

        var result = await host.Services.GetRequiredService<ClickBatchWriter>().WriteAsync(events, Ct);

        Assert.Equal(new BatchResult(clicks, 0), result);
        var ownerId = owner.Id;
        var rows = await host.WithClicksDbAsync(async db => new
        {
            Raw = await db.Visits.CountAsync(v => links.Contains(v.LinkId), Ct),
            Counts = await db.VisitCounts.CountAsync(c => links.Contains(c.LinkId), Ct),
            Total = await db.VisitCounts.Where(c => links.Contains(c.LinkId)).SumAsync(c => c.Counts.Total, Ct),
            Owners = await db.VisitCounts.Where(c => links.Contains(c.LinkId)).Select(c => c.OwnerId).Distinct().ToListAsync(Ct),
            Profiles = await db.VisitProfiles.CountAsync(p => links.Contains(p.LinkId), Ct),
            Visitors = await db.DailyVisitors.CountAsync(v => links.Contains(v.LinkId), Ct),
            AccountCounts = await db.AccountCounts.CountAsync(c => c.AccountId == ownerId, Ct),
            AccountDimensions = await db.AccountDimensions.CountAsync(d => d.AccountId == ownerId, Ct),
            AccountDimensionDays = await db.AccountDimensionDays.CountAsync(d => d.AccountId == ownerId, Ct),
            AccountVisitors = await db.AccountVisitorDays.Where(d => d.AccountId == ownerId).Select(d => d.Visitors).SingleAsync(Ct),
        });
        Assert.Equal(clicks, rows.Raw);
        // 3 links × 2 hours; the counts add up to every click.
        Assert.Equal(6, rows.Counts);
        Assert.Equal(clicks, rows.Total);
        Assert.Equal([ownerId], rows.Owners);
        // Every link sees each agent in both hours: 3 × 2 × 4 combinations.
        Assert.Equal(24, rows.Profiles);
        // Each link sees 20 of the 40 (ip, agent) pairs (i mod 60 fixes the link, ip and agent), each once a day.
        Assert.Equal(60, rows.Visitors);
        Assert.Equal(2, rows.AccountCounts);
        // The same few values of each dimension in both hours.
        Assert.Equal(rows.AccountDimensions, rows.AccountDimensionDays * 2);
        Assert.True(rows.AccountDimensions < 50, $"{rows.AccountDimensions} account dimension rows");
        Assert.Equal(60, rows.AccountVisitors);
    }

    [Fact]
    public async Task Stats_of_a_synthetic_history_match_per_hour_and_per_day_in_New_York()
    {
        var owner = await host.CreateUserAsync();
        var client = NewClient(host).AsUser(owner);
        var (code, linkId) = await host.CreateOwnedLinkAsync(owner);
        // Around the start of DST in New York (2026-03-08 02:00 EST → 03:00 EDT).
        var history = new (string Utc, int Humans, int Bots)[]
        {
            ("2026-03-07T04:10:00Z", 2, 0),   // 03-06 23:10 EST, before the range
            ("2026-03-07T05:20:00Z", 3, 1),   // 03-07 00:20 EST
            ("2026-03-08T06:59:00Z", 1, 0),   // 03-08 01:59 EST
            ("2026-03-08T07:05:00Z", 4, 0),   // 03-08 03:05 EDT
            ("2026-03-09T03:30:00Z", 0, 2),   // 03-08 23:30 EDT
            ("2026-03-09T04:00:00Z", 5, 0),   // 03-09 00:00 EDT
        };
        await WriteHistoryAsync(linkId, history);

        var days = await GetStatsAsync(client, code, "from=2026-03-07&to=2026-03-10&granularity=day&tz=America/New_York");
        Assert.Equal(["2026-03-07T00:00:00-05:00", "2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00"], Starts(days));
        Assert.Equal([4L, 7, 5], Totals(days));
        Assert.Equal(16, days.GetProperty("totals").GetProperty("total").GetInt64());
        Assert.Equal(3, days.GetProperty("totals").GetProperty("bots").GetInt64());

        var hours = await GetStatsAsync(client, code, "from=2026-03-08T01:00&to=2026-03-08T04:00&granularity=hour&tz=America/New_York");
        // 02:00 local does not exist that night: three local hours make two real ones.
        Assert.Equal(["2026-03-08T01:00:00-05:00", "2026-03-08T03:00:00-04:00"], Starts(hours));
        Assert.Equal([1L, 4], Totals(hours));
    }

    [Fact]
    public async Task Stats_of_a_synthetic_history_match_per_hour_and_per_day_in_Kolkata()
    {
        var owner = await host.CreateUserAsync();
        var client = NewClient(host).AsUser(owner);
        var (code, linkId) = await host.CreateOwnedLinkAsync(owner);
        var history = new (string Utc, int Humans, int Bots)[]
        {
            ("2026-05-01T18:29:00Z", 1, 0),   // 05-01 23:59 IST, in the UTC hour starting 23:30 IST
            ("2026-05-01T18:45:00Z", 2, 0),   // 05-02 00:15 IST, same UTC hour: counts for 05-01
            ("2026-05-01T19:00:00Z", 3, 0),   // 05-02 00:30 IST
            ("2026-05-02T10:15:00Z", 0, 4),   // 05-02 15:45 IST
            ("2026-05-02T19:10:00Z", 6, 0),   // 05-03 00:40 IST
        };
        await WriteHistoryAsync(linkId, history);

        var days = await GetStatsAsync(client, code, "from=2026-05-01&to=2026-05-04&granularity=day&tz=Asia/Kolkata");
        Assert.Equal(["2026-05-01T00:00:00+05:30", "2026-05-02T00:00:00+05:30", "2026-05-03T00:00:00+05:30"], Starts(days));
        Assert.Equal([3L, 7, 6], Totals(days));

        var hours = await GetStatsAsync(client, code, "from=2026-05-01T23:00&to=2026-05-02T01:00&granularity=hour&tz=Asia/Kolkata");
        Assert.Equal(["2026-05-01T22:30:00+05:30", "2026-05-01T23:30:00+05:30", "2026-05-02T00:30:00+05:30"], Starts(hours));
        Assert.Equal([0L, 3, 3], Totals(hours));

        var weeks = await GetStatsAsync(client, code, "from=2026-04-27&to=2026-05-11&granularity=week&tz=Asia/Kolkata");
        Assert.Equal(["2026-04-27T00:00:00+05:30", "2026-05-04T00:00:00+05:30"], Starts(weeks));
        Assert.Equal([16L, 0], Totals(weeks));
    }

    [Fact]
    public async Task Another_users_link_is_404_and_strangers_get_401()
    {
        var owner = await host.CreateUserAsync();
        var other = await host.CreateUserAsync();
        var admin = await host.CreateUserAsync(Hop.Accounts.Roles.Admin);
        var (code, _) = await host.CreateOwnedLinkAsync(owner);

        Assert.Equal(HttpStatusCode.OK, (await NewClient(host).AsUser(owner).GetAsync($"/api/v1/links/{code}/stats", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await NewClient(host).AsUser(admin).GetAsync($"/api/v1/links/{code}/stats", Ct)).StatusCode);
        var hidden = await NewClient(host).AsUser(other).GetAsync($"/api/v1/links/{code}/stats", Ct);
        var missing = await NewClient(host).AsUser(other).GetAsync("/api/v1/links/zzzzzzz/stats", Ct);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", hidden.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await NewClient(host).AsUser(other).GetAsync($"/api/v1/links/{code}/stats/live", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _anonymous.GetAsync($"/api/v1/links/{code}/stats", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _anonymous.GetAsync("/api/v1/stats", Ct)).StatusCode);
        // Admin routes do not tell a non-admin that they exist.
        Assert.Equal(HttpStatusCode.NotFound, (await NewClient(host).AsUser(owner).GetAsync("/api/v1/admin/clicks", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("tz=Mars/Olympus", "tz")]
    [InlineData("granularity=minute", "granularity")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-03-02&to=2026-03-01", "to")]
    [InlineData("from=2020-01-01&to=2026-01-01&granularity=hour", "from")]
    public async Task Bad_stats_queries_are_a_400_naming_the_field(string query, string field)
    {
        var owner = await host.CreateUserAsync();
        var client = NewClient(host).AsUser(owner);
        var (code, _) = await host.CreateOwnedLinkAsync(owner);

        var response = await client.GetAsync($"/api/v1/links/{code}/stats?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Overview_covers_only_the_callers_links_with_top_links()
    {
        var owner = await host.CreateUserAsync();
        var stranger = await host.CreateUserAsync();
        var client = NewClient(host).AsUser(owner);
        var (busy, busyId) = await host.CreateOwnedLinkAsync(owner);
        var (quiet, quietId) = await host.CreateOwnedLinkAsync(owner);
        var (_, otherId) = await host.CreateOwnedLinkAsync(stranger);
        var writer = host.Services.GetRequiredService<ClickBatchWriter>();
        var now = host.Now.UtcDateTime;
        await writer.WriteAsync(
        [
            Event(busyId, now, Chrome), Event(busyId, now, Chrome), Event(busyId, now, IPhone),
            Event(quietId, now, Chrome), Event(otherId, now, Chrome), Event(otherId, now, Chrome),
        ], Ct);

        var overview = await (await client.GetAsync("/api/v1/stats?granularity=day", Ct)).ReadJsonAsync();

        Assert.Equal(2, overview.GetProperty("links").GetInt32());
        Assert.Equal(4, overview.GetProperty("totals").GetProperty("total").GetInt64());
        var topLinks = overview.GetProperty("topLinks").EnumerateArray()
            .Select(t => (t.Str("code"), t.GetProperty("total").GetInt64())).ToArray();
        Assert.Equal([(busy, 3L), (quiet, 1L)], topLinks);
    }

    [Fact]
    public async Task A_link_with_max_visits_never_overshoots()
    {
        var owner = await host.CreateUserAsync();
        var (code, linkId) = await host.CreateOwnedLinkAsync(owner);
        await host.WithDbAsync(async db =>
        {
            var link = await db.Links.SingleAsync(l => l.Id == linkId, Ct);
            link.MaxVisits = 5;
            await db.SaveChangesAsync(Ct);
        });

        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
            (await NewClient(host).GetAsync($"/{code}", Ct)).StatusCode));

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Found));
        Assert.Equal(15, statuses.Count(s => s == HttpStatusCode.Gone));
        Assert.Equal(5, await host.WithDbAsync(db => db.Links.Where(l => l.Id == linkId).Select(l => l.VisitCount).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Live_stats_send_the_totals_then_one_message_per_batch()
    {
        var owner = await host.CreateUserAsync();
        var client = NewClient(host).AsUser(owner);
        var (code, linkId) = await host.CreateOwnedLinkAsync(owner);
        var writer = host.Services.GetRequiredService<ClickBatchWriter>();
        await writer.WriteAsync([Event(linkId, host.Now.UtcDateTime, Chrome)], Ct);

        using var response = await client.GetAsync($"/api/v1/links/{code}/stats/live", HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        var totals = await ClickTestKit.NextDataAsync(reader, Ct);
        Assert.Equal(1, totals.GetProperty("total").GetInt64());

        await writer.WriteAsync([Event(linkId, host.Now.UtcDateTime, Chrome), Event(linkId, host.Now.UtcDateTime, Slack)], Ct);
        var batch = await ClickTestKit.NextDataAsync(reader, Ct);
        Assert.Equal(2, batch.GetProperty("total").GetInt64());
        Assert.Equal(1, batch.GetProperty("unfurlers").GetInt64());
    }

    [Fact]
    public async Task Accounting_adds_up_after_the_queue_drains()
    {
        var admin = await host.CreateUserAsync(Hop.Accounts.Roles.Admin);
        var client = NewClient(host).AsUser(admin);
        var (code, _) = await host.CreateOwnedLinkAsync(admin);
        var before = await (await client.GetAsync("/api/v1/admin/clicks", Ct)).ReadJsonAsync();

        for (var i = 0; i < 25; i++)
        {
            Assert.Equal(HttpStatusCode.Found, (await _anonymous.GetAsync($"/{code}", Ct)).StatusCode);
        }

        await WaitForTotalAsync(client, code, 25);
        var after = await (await client.GetAsync("/api/v1/admin/clicks", Ct)).ReadJsonAsync();
        Assert.Equal("InProcess", after.Str("transport"));
        Assert.True(after.GetProperty("received").GetInt64() - before.GetProperty("received").GetInt64() >= 25);
        Assert.True(after.GetProperty("stored").GetInt64() - before.GetProperty("stored").GetInt64() >= 25);
        Assert.Equal(0, after.GetProperty("dropped").GetInt64());
    }

    /// <summary>On an app of its own, whose sample count starts at its first visit.</summary>
    [Theory]
    [InlineData("Sample", 10)]
    [InlineData("Off", 0)]
    public async Task Raw_visits_follow_the_setting_and_the_counters_count_every_visit(string mode, int rows)
    {
        await using var app = await HopHost.StartAsync(host.Provider, new RawVisitClicks(mode));
        var owner = await app.CreateUserAsync();
        var client = NewClient(app).AsUser(owner);
        var (code, linkId) = await app.CreateOwnedLinkAsync(owner);
        var now = app.Now.UtcDateTime;
        var writer = app.Services.GetRequiredService<ClickBatchWriter>();

        // 95 visits in three writes: the running numbers 0, 10, …, 90 are kept when sampling.
        foreach (var count in (int[])[40, 40, 15])
        {
            await writer.WriteAsync([.. Enumerable.Range(0, count).Select(i => Event(linkId, now, Chrome, ip: $"198.51.100.{i}"))], Ct);
        }

        var stored = await app.WithClicksDbAsync(db => db.Visits.Where(v => v.LinkId == linkId).Select(v => v.SampleRate).ToListAsync(Ct));
        Assert.Equal(rows, stored.Count);
        Assert.All(stored, rate => Assert.Equal(RawVisitClicks.SampleRate, rate));
        var totals = (await GetStatsAsync(client, code, "granularity=hour")).GetProperty("totals");
        Assert.Equal(95, totals.GetProperty("total").GetInt64());
        Assert.Equal(40, totals.GetProperty("uniqueVisitors").GetInt64());
    }

    [Fact]
    public async Task Account_counters_count_for_the_owner_and_for_all_links()
    {
        var owner = await host.CreateUserAsync();
        var other = await host.CreateUserAsync();
        var (_, first) = await host.CreateOwnedLinkAsync(owner);
        var (_, second) = await host.CreateOwnedLinkAsync(owner);
        var (_, theirs) = await host.CreateOwnedLinkAsync(other);
        // An hour of its own, so the every-link rows of it are this test's.
        var at = new DateTime(2012, 2, 3, 4, 30, 0, DateTimeKind.Utc);
        var hour = new DateTime(2012, 2, 3, 4, 0, 0, DateTimeKind.Utc);
        var day = DateOnly.FromDateTime(at);
        var writer = host.Services.GetRequiredService<ClickBatchWriter>();

        await writer.WriteAsync(
        [
            ClickTestKit.Batch(Event(first, at, Chrome), Event(first, at, Chrome), Event(second, at, Slack)),
            ClickTestKit.Batch(Event(theirs, at, Chrome, ip: "198.51.100.9"), Event(second, at, Curl)),
        ], Ct);
        await writer.WriteAsync([Event(first, at, Chrome, ip: "198.51.100.2")], Ct);

        var (ownerId, otherId) = (owner.Id, other.Id);
        var counts = await host.WithClicksDbAsync(db => db.AccountCounts.AsNoTracking()
            .Where(c => c.Hour == hour && (c.AccountId == ownerId || c.AccountId == otherId || c.AccountId == StatsAccount.AllLinks))
            .ToDictionaryAsync(c => c.AccountId, c => c.Counts, Ct));
        Assert.Equal((5L, 3L, 1L, 1L), Of(counts[ownerId]));
        Assert.Equal((1L, 1L, 0L, 0L), Of(counts[otherId]));
        Assert.Equal((6L, 4L, 1L, 1L), Of(counts[StatsAccount.AllLinks]));

        var browsers = await host.WithClicksDbAsync(db => db.AccountDimensions.AsNoTracking()
            .Where(d => d.AccountId == ownerId && d.Hour == hour && d.Dimension == StatsDimension.Browser)
            .ToDictionaryAsync(d => d.Value, d => d.Count, Ct));
        Assert.Equal(3, browsers["Chrome"]);
        Assert.Equal(5, browsers.Values.Sum());
        var referrers = await host.WithClicksDbAsync(db => db.AccountDimensionDays.AsNoTracking()
            .Where(d => d.AccountId == StatsAccount.AllLinks && d.Day == day && d.Dimension == StatsDimension.Referrer)
            .ToDictionaryAsync(d => d.Value, d => d.Count, Ct));
        Assert.Equal(new Dictionary<string, long> { [VisitProfile.Direct] = 6 }, referrers);

        // Unique per link, as the links' own: first has 2 visitors, second 2 (two agents), theirs 1.
        var visitors = await host.WithClicksDbAsync(db => db.AccountVisitorDays.AsNoTracking()
            .Where(d => d.Day == day && (d.AccountId == ownerId || d.AccountId == otherId || d.AccountId == StatsAccount.AllLinks))
            .ToDictionaryAsync(d => d.AccountId, d => d.Visitors, Ct));
        Assert.Equal(4, visitors[ownerId]);
        Assert.Equal(1, visitors[otherId]);
        Assert.Equal(5, visitors[StatsAccount.AllLinks]);

        static (long Total, long Humans, long Unfurlers, long Bots) Of(VisitorCounts c) => (c.Total, c.Humans, c.Unfurlers, c.Bots);
    }

    [Fact]
    public async Task Visits_of_a_compacted_day_land_in_the_daily_link_tables()
    {
        var owner = await host.CreateUserAsync();
        var (_, linkId) = await host.CreateOwnedLinkAsync(owner);
        var compacted = new DateOnly(2013, 4, 5);
        var late = compacted.ToDateTime(new TimeOnly(13, 0), DateTimeKind.Utc);
        var open = late.AddDays(1);
        var writer = host.Services.GetRequiredService<ClickBatchWriter>();
        await WithCounterAsync(CompactedDays.Counter, compacted.DayNumber, async () =>
        {
            await writer.WriteAsync([Event(linkId, late, Chrome), Event(linkId, late, Slack), Event(linkId, open, Chrome)], Ct);
            // A visitor already counted that day adds a visit, not a visitor.
            await writer.WriteAsync([Event(linkId, late.AddHours(2), Chrome)], Ct);
        });

        var ownerId = owner.Id;
        var days = await host.WithClicksDbAsync(db => db.LinkDays.AsNoTracking().Where(d => d.LinkId == linkId).ToListAsync(Ct));
        var day = Assert.Single(days);
        Assert.Equal((compacted, 3L, (long?)ownerId), (day.Day, day.Total, day.OwnerId));
        var browsers = await host.WithClicksDbAsync(db => db.LinkDimensionDays.AsNoTracking()
            .Where(d => d.LinkId == linkId && d.Dimension == StatsDimension.Browser)
            .Select(d => new { d.Day, d.Value, d.Count }).OrderBy(d => d.Value).ToListAsync(Ct));
        Assert.Equal([(compacted, "Chrome", 2L), (compacted, "Slackbot", 1L)], browsers.Select(b => (b.Day, b.Value, b.Count)));
        // Unique visitors are counted for every day, compacted or not.
        var visitors = await host.WithClicksDbAsync(db => db.LinkVisitorDays.AsNoTracking().Where(d => d.LinkId == linkId).OrderBy(d => d.Day).ToListAsync(Ct));
        Assert.Equal([(compacted, 2L), (DateOnly.FromDateTime(open), 1L)], visitors.Select(v => (v.Day, v.Visitors)));
        // The hourly rows are written as always, for both days.
        Assert.Equal(4, await host.WithClicksDbAsync(db => db.VisitCounts.Where(c => c.LinkId == linkId).SumAsync(c => c.Counts.Total, Ct)));
    }

    [Fact]
    public async Task Visits_of_a_compacted_hour_land_in_the_hourly_top_list_rows()
    {
        var owner = await host.CreateUserAsync();
        var (_, linkId) = await host.CreateOwnedLinkAsync(owner);
        var compacted = new DateTime(2013, 4, 6, 13, 0, 0, DateTimeKind.Utc);
        var late = compacted.AddMinutes(20);
        var writer = host.Services.GetRequiredService<ClickBatchWriter>();
        await WithCounterAsync(CompactedHours.Counter, CompactedHours.Number(compacted), async () =>
        {
            await writer.WriteAsync([Event(linkId, late, Chrome), Event(linkId, late, Slack), Event(linkId, compacted.AddHours(-3), Chrome)], Ct);
            // An hour after the watermark goes only to the profiles, for compaction to fold.
            await writer.WriteAsync([Event(linkId, compacted.AddHours(1), Chrome)], Ct);
        });

        var browsers = await host.WithClicksDbAsync(db => db.LinkDimensionHours.AsNoTracking()
            .Where(d => d.LinkId == linkId && d.Dimension == StatsDimension.Browser)
            .Select(d => new { d.Hour, d.Value, d.Count }).ToListAsync(Ct));
        Assert.Equal(
            [(compacted.AddHours(-3), "Chrome", 1L), (compacted, "Chrome", 1L), (compacted, "Slackbot", 1L)],
            browsers.Select(b => (b.Hour, b.Value, b.Count)).Order());
        Assert.Equal(4, await host.WithClicksDbAsync(db => db.VisitProfiles.Where(p => p.LinkId == linkId).SumAsync(p => p.Count, Ct)));
    }

    /// <summary>On a clock of its own, so that the app's cutoff falls exactly where the test puts it.</summary>
    [Fact]
    public async Task Retention_prunes_old_raw_visits_but_keeps_the_counters()
    {
        await using var app = await HopHost.StartAsync(host.Provider, new FakeClock());
        var owner = await app.CreateUserAsync();
        var client = NewClient(app).AsUser(owner);
        var (code, linkId) = await app.CreateOwnedLinkAsync(owner);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var cutoff = now.AddDays(-app.Services.GetRequiredService<IOptions<ClickOptions>>().Value.RetentionDays);
        var old = now.AddDays(-200);
        await app.Services.GetRequiredService<ClickBatchWriter>().WriteAsync(
        [
            Event(linkId, old, Chrome, route: ClickRoute.Rule(0)),
            // The day before the cutoff's: PostgreSQL drops raw visits a whole day at a time.
            Event(linkId, cutoff.Date.AddSeconds(-1), Chrome, route: ClickRoute.Variant(1)),
            Event(linkId, cutoff.AddSeconds(1), Chrome, route: ClickRoute.Rule(0)),
            Event(linkId, now, Chrome),
        ], Ct);

        await app.Services.GetRequiredService<ClickRetention>().PruneAsync(Ct);

        var kept = await app.WithClicksDbAsync(db => db.Visits.Where(v => v.LinkId == linkId)
            .OrderBy(v => v.OccurredAt).Select(v => v.OccurredAt).ToListAsync(Ct));
        Assert.Equal([cutoff.AddSeconds(1), now], kept);
        var stats = await GetStatsAsync(client, code, $"from={ClickTestKit.Iso(old.AddDays(-1))}&granularity=month");
        Assert.Equal(4, stats.GetProperty("totals").GetProperty("total").GetInt64());
        // The route counters stay too, so the stats per rule and variant still cover pruned visits.
        Assert.Equal([(1, 2L)], RouteStatsTests.Rules(stats));
        Assert.Equal([(2, 1L)], RouteStatsTests.Variants(stats));
    }

    private Task<long> CounterAsync(string name) =>
        host.WithClicksDbAsync(db => db.ClickCounters.Where(c => c.Name == name).Select(c => c.Value).SingleOrDefaultAsync(Ct));

    /// <summary>Runs <paramref name="during"/> with the counter <paramref name="name"/> (a compaction watermark
    /// of the shared app, which its compaction may have set already) at <paramref name="value"/>, then puts
    /// back what was there.</summary>
    private async Task WithCounterAsync(string name, long value, Func<Task> during)
    {
        var previous = await host.WithClicksDbAsync(db => db.ClickCounters.AsNoTracking()
            .Where(c => c.Name == name).Select(c => (long?)c.Value).SingleOrDefaultAsync(Ct));
        await SetCounterAsync(name, value);
        try
        {
            await during();
        }
        finally
        {
            if (previous is { } was)
            {
                await SetCounterAsync(name, was);
            }
            else
            {
                await host.WithClicksDbAsync(db => db.ClickCounters.Where(c => c.Name == name).ExecuteDeleteAsync(Ct));
            }
        }
    }

    private Task SetCounterAsync(string name, long value) => host.WithClicksDbAsync(db => db.Database.ExecuteSqlRawAsync(
        "INSERT INTO click_counters (name, value) VALUES ({0}, {1}) ON CONFLICT (name) DO UPDATE SET value = excluded.value", [name, value], Ct));

    private protected static ClickEvent Event(
        long linkId, DateTime at, string agent, string ip = "198.51.100.1", short route = ClickRoute.Target) => new()
    {
        LinkId = linkId,
        OccurredAt = at,
        UserAgent = agent,
        ClientIp = ip,
        Route = route,
    };

    private async Task WriteHistoryAsync(long linkId, (string Utc, int Humans, int Bots)[] history)
    {
        var events = history.SelectMany(h =>
        {
            var at = DateTime.Parse(h.Utc, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal);
            return Enumerable.Repeat(Chrome, h.Humans).Concat(Enumerable.Repeat(Curl, h.Bots))
                .Select((agent, i) => Event(linkId, at, agent, $"198.51.100.{i}"));
        }).ToList();
        await host.Services.GetRequiredService<ClickBatchWriter>().WriteAsync(events, Ct);
    }

    private protected static async Task<JsonElement> GetStatsAsync(HttpClient client, string code, string query)
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

    private static string[] Starts(JsonElement stats) =>
        [.. stats.GetProperty("series").EnumerateArray().Select(b => b.Str("start"))];

    private static long[] Totals(JsonElement stats) =>
        [.. stats.GetProperty("series").EnumerateArray().Select(b => b.GetProperty("total").GetInt64())];

    private static long Entry(JsonElement top, string table, string value) =>
        top.GetProperty(table).EnumerateArray().Where(e => e.Str("value") == value)
            .Select(e => e.GetProperty("count").GetInt64()).SingleOrDefault();

}

public sealed class SqliteClickPipelineTests(HopHost<Sqlite, FastClicks> host)
    : ClickPipelineTests(host), IClassFixture<HopHost<Sqlite, FastClicks>>
{
}

public sealed class PostgresClickPipelineTests(HopHost<Postgres, FastClicks> host)
    : ClickPipelineTests(host), IClassFixture<HopHost<Postgres, FastClicks>>
{
}
