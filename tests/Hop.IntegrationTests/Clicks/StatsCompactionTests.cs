using System.Net;
using System.Text.Json;
using Hop.Accounts;
using Hop.Clicks;
using Hop.Clicks.Stats;
using Hop.Data;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hop.IntegrationTests.Clicks;

/// <summary>
/// Compaction of closed days into the daily counters and of closed hours into the hourly top-list rows, and the stats read from hourly, daily and account
/// counters, on counters written straight to the tables (<see cref="CounterRows"/>). Each test runs an app
/// of its own on a fake clock (2026-06-01 12:00 UTC), since the compaction watermark is database-wide.
/// </summary>
public abstract class StatsCompactionTests
{
    private static readonly DateTime Now = HopHost.FakeClockStart.UtcDateTime;

    /// <summary>The last hour closed at <see cref="Now"/>: 11:00 is still in its grace.</summary>
    private static readonly DateTime LastClosedHour = new(2026, 6, 1, 10, 0, 0, DateTimeKind.Utc);

    /// <summary>Windows at day edges, of whole days, by hour and in a zone with a half-hour offset.</summary>
    private static readonly string[] Windows =
    [
        "from=2026-05-25&to=2026-06-02&granularity=day",
        "from=2026-05-28T05:00:00Z&to=2026-05-30T07:00:00Z&granularity=hour",
        "from=2026-05-27T22:00:00Z&to=2026-05-31T00:00:00Z&granularity=day",
        "from=2026-05-26&to=2026-06-02&granularity=day&tz=Asia/Kolkata",
        "from=2026-05-28T10:00&to=2026-05-31T10:00&granularity=hour&tz=Asia/Kolkata",
        "from=2026-05-17&to=2026-06-08&granularity=week&tz=America/New_York",
    ];

    /// <summary>The windows that end now, as the API's defaults do.</summary>
    private static readonly string[] EndingNow = ["", "granularity=hour", "from=2026-05-01&granularity=week&tz=America/New_York"];

    private protected abstract DatabaseProvider Provider { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Compaction_folds_closed_days_exactly_and_the_stats_read_the_same_before_and_after()
    {
        await using var app = await StartAsync();
        var owner = await app.CreateUserAsync();
        var (code, linkId) = await app.CreateOwnedLinkAsync(owner);
        await CounterRows.AddAsync(app, History(linkId, owner.Id, Now.AddDays(-6), Now));
        var client = Client(app, owner);
        var before = await AllWindowsAsync(client, code, endingNow: true);

        var days = await Compaction(app).CompactAsync(Ct);

        Assert.Equal([new DateOnly(2026, 5, 26), new(2026, 5, 27), new(2026, 5, 28), new(2026, 5, 29), new(2026, 5, 30), new(2026, 5, 31)], days);
        Assert.Equal(new DateOnly(2026, 5, 31), await ThroughAsync(app));
        var dailyTotal = await app.WithClicksDbAsync(db => db.LinkDays.Where(d => d.LinkId == linkId).SumAsync(d => d.Total, Ct));
        var hourlyTotal = await app.WithClicksDbAsync(db => db.VisitCounts
            .Where(c => c.LinkId == linkId && c.Hour < new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc)).SumAsync(c => c.Counts.Total, Ct));
        Assert.Equal(hourlyTotal, dailyTotal);
        Assert.Equal(before, await AllWindowsAsync(client, code, endingNow: true));
        Assert.Equal(LastClosedHour, await Compaction(app).CompactHoursAsync(Ct));
        Assert.Equal(before, await AllWindowsAsync(client, code, endingNow: true));

        // The whole compacted days are read from the daily rows: without their hourly profiles and visitor
        // rows, a window of whole days still answers the same.
        var wholeDays = await GetAsync(client, code, "from=2026-05-27&to=2026-05-31&granularity=day");
        await app.WithClicksDbAsync(async db =>
        {
            var (from, to) = (new DateTime(2026, 5, 27, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 5, 31, 0, 0, 0, DateTimeKind.Utc));
            await db.VisitProfiles.Where(p => p.LinkId == linkId && p.Hour >= from && p.Hour < to).ExecuteDeleteAsync(Ct);
            return await db.DailyVisitors.Where(v => v.LinkId == linkId && v.Day >= new DateOnly(2026, 5, 27) && v.Day < new DateOnly(2026, 5, 31))
                .ExecuteDeleteAsync(Ct);
        });
        Assert.Equal(wholeDays, await GetAsync(client, code, "from=2026-05-27&to=2026-05-31&granularity=day"));

        // The closed hours (through 10:00, as 11:00 is in its grace) are read from the hourly top-list rows:
        // without any of their profiles every window answers the same.
        await app.WithClicksDbAsync(db => db.VisitProfiles.Where(p => p.LinkId == linkId && p.Hour <= LastClosedHour).ExecuteDeleteAsync(Ct));
        Assert.Equal(before, await AllWindowsAsync(client, code, endingNow: true));
    }

    [Fact]
    public async Task Hour_compaction_is_exact_idempotent_waits_for_its_grace_and_resumes_after_its_watermark()
    {
        await using var app = await StartAsync();
        var owner = await app.CreateUserAsync();
        var (code, linkId) = await app.CreateOwnedLinkAsync(owner);
        // More hours than one transaction folds, and a gap of empty hours.
        await CounterRows.AddAsync(app, History(linkId, owner.Id, Now.AddDays(-5), Now.AddDays(-4)));
        await CounterRows.AddAsync(app, History(linkId, owner.Id, Now.AddDays(-2), Now));
        var client = Client(app, owner);
        var before = await AllWindowsAsync(client, code, endingNow: true);
        var fixedWindows = await AllWindowsAsync(client, code);
        Assert.Null(await HoursThroughAsync(app));

        Assert.Equal(LastClosedHour, await Compaction(app).CompactHoursAsync(Ct));
        Assert.Equal(LastClosedHour, await HoursThroughAsync(app));
        Assert.Equal(await ProfileSumsAsync(app, LastClosedHour), await HourlyRowsAsync(app));
        var rows = await HourlyRowsAsync(app);
        Assert.Null(await Compaction(app).CompactHoursAsync(Ct));
        Assert.Equal(rows, await HourlyRowsAsync(app));
        Assert.Equal(before, await AllWindowsAsync(client, code, endingNow: true));

        // 11:00 closes at noon and is compacted once the grace has passed too.
        var eleven = LastClosedHour.AddHours(1);
        app.Clock.SetUtcNow(new DateTimeOffset(eleven.AddHours(1)) + ClickCompaction.HourGrace - TimeSpan.FromSeconds(1));
        Assert.Null(await Compaction(app).CompactHoursAsync(Ct));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(eleven, await Compaction(app).CompactHoursAsync(Ct));
        Assert.Equal(await ProfileSumsAsync(app, eleven), await HourlyRowsAsync(app));
        Assert.Equal(fixedWindows, await AllWindowsAsync(client, code));

        // Closed hours without any visit move the watermark on without rows.
        app.Clock.Advance(TimeSpan.FromHours(3));
        rows = await HourlyRowsAsync(app);
        Assert.Null(await Compaction(app).CompactHoursAsync(Ct));
        Assert.Equal(eleven.AddHours(3), await HoursThroughAsync(app));
        Assert.Equal(rows, await HourlyRowsAsync(app));
        Assert.Equal(fixedWindows, await AllWindowsAsync(client, code));
    }

    [Fact]
    public async Task A_late_visit_of_a_compacted_hour_counts_once()
    {
        await using var app = await StartAsync();
        var owner = await app.CreateUserAsync();
        var (code, linkId) = await app.CreateOwnedLinkAsync(owner);
        await CounterRows.AddAsync(app, History(linkId, owner.Id, Now.AddDays(-2), Now));
        await Compaction(app).CompactAsync(Ct);
        await Compaction(app).CompactHoursAsync(Ct);
        var client = Client(app, owner);
        const string hours = "from=2026-06-01T08:00:00Z&to=2026-06-01T12:00:00Z&granularity=hour";
        string[] queries = [hours, "granularity=hour", ""];
        var earlier = await Task.WhenAll(queries.Select(q => GetAsync(client, code, q)));

        // What a writer does with a visit of an hour at or below the hour watermark: its profile and top-list rows.
        await CounterRows.AddAsync(app, [new CountedVisit(linkId, owner.Id, new DateTime(2026, 6, 1, 9, 40, 0, DateTimeKind.Utc),
            VisitorClass.Bot, "late.example", "curl", VisitProfile.Unknown, VisitProfile.Unknown, "NZ", Visitor: 999)]);
        Assert.Null(await Compaction(app).CompactHoursAsync(Ct));

        foreach (var (query, before) in queries.Zip(earlier))
        {
            var stats = JsonDocument.Parse(await GetAsync(client, code, query)).RootElement;
            var was = JsonDocument.Parse(before).RootElement;
            Assert.Equal(Total(was) + 1, Total(stats));
            Assert.Equal(Count(was, "bots") + 1, Count(stats, "bots"));
            Assert.Equal(1, Entry(stats, "referrers", "late.example"));
            Assert.Equal(1, Entry(stats, "countries", "NZ"));
        }

        Assert.Equal(await ProfileSumsAsync(app, LastClosedHour), await HourlyRowsAsync(app));
    }

    [Fact]
    public async Task Compaction_is_idempotent_waits_for_the_grace_and_resumes_after_the_watermark()
    {
        await using var app = await StartAsync();
        var owner = await app.CreateUserAsync();
        var (code, linkId) = await app.CreateOwnedLinkAsync(owner);
        // A gap of empty days between two days with visits.
        await CounterRows.AddAsync(app, History(linkId, owner.Id, Now.AddDays(-12), Now.AddDays(-11)));
        await CounterRows.AddAsync(app, History(linkId, owner.Id, Now.AddDays(-2), Now));
        var client = Client(app, owner);
        var before = await AllWindowsAsync(client, code);
        Assert.Null(await ThroughAsync(app));

        Assert.Equal([new DateOnly(2026, 5, 20), new(2026, 5, 21), new(2026, 5, 30), new(2026, 5, 31)], await Compaction(app).CompactAsync(Ct));
        var rows = await DailyRowsAsync(app);
        Assert.Empty(await Compaction(app).CompactAsync(Ct));
        Assert.Equal(rows, await DailyRowsAsync(app));
        Assert.Equal(new DateOnly(2026, 5, 31), await ThroughAsync(app));

        // Today closes at midnight, and is compacted once the grace has passed too.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 2, 0, 0, 0, TimeSpan.Zero) + ClickCompaction.Grace - TimeSpan.FromMinutes(1));
        Assert.Empty(await Compaction(app).CompactAsync(Ct));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal([new DateOnly(2026, 6, 1)], await Compaction(app).CompactAsync(Ct));
        Assert.Equal(new DateOnly(2026, 6, 1), await ThroughAsync(app));
        Assert.Equal(before, await AllWindowsAsync(client, code));

        // Closed days without any visit move the watermark on without rows.
        app.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Empty(await Compaction(app).CompactAsync(Ct));
        Assert.Equal(new DateOnly(2026, 6, 4), await ThroughAsync(app));
        Assert.Equal(before, await AllWindowsAsync(client, code));
    }

    [Fact]
    public async Task A_late_visit_of_a_compacted_day_counts_once()
    {
        await using var app = await StartAsync();
        var owner = await app.CreateUserAsync();
        var (code, linkId) = await app.CreateOwnedLinkAsync(owner);
        await CounterRows.AddAsync(app, History(linkId, owner.Id, Now.AddDays(-3), Now));
        await Compaction(app).CompactAsync(Ct);
        var client = Client(app, owner);
        const string days = "from=2026-05-29&to=2026-06-01&granularity=day";
        const string hours = "from=2026-05-30T10:00:00Z&to=2026-05-30T12:00:00Z&granularity=hour";
        var (dayTotals, hourTotals) = (await GetAsync(client, code, days), await GetAsync(client, code, hours));

        // What a writer does with a visit of a day at or below the watermark: hourly and daily rows.
        await CounterRows.AddAsync(app, [new CountedVisit(linkId, owner.Id, new DateTime(2026, 5, 30, 11, 40, 0, DateTimeKind.Utc),
            VisitorClass.Bot, "late.example", "curl", VisitProfile.Unknown, VisitProfile.Unknown, "NZ", Visitor: 999)]);
        Assert.Empty(await Compaction(app).CompactAsync(Ct));

        foreach (var (query, earlier) in new[] { (days, dayTotals), (hours, hourTotals) })
        {
            var stats = JsonDocument.Parse(await GetAsync(client, code, query)).RootElement;
            var was = JsonDocument.Parse(earlier).RootElement;
            Assert.Equal(Total(was) + 1, Total(stats));
            Assert.Equal(Count(was, "bots") + 1, Count(stats, "bots"));
            Assert.Equal(Count(was, "uniqueVisitors") + 1, Count(stats, "uniqueVisitors"));
            Assert.Equal(1, Entry(stats, "referrers", "late.example"));
            Assert.Equal(1, Entry(stats, "countries", "NZ"));
        }
    }

    [Fact]
    public async Task A_users_overview_is_the_sum_of_their_links_and_an_admins_covers_every_link()
    {
        await using var app = await StartAsync();
        var owner = await app.CreateUserAsync();
        var other = await app.CreateUserAsync();
        var admin = await app.CreateUserAsync(Roles.Admin);
        var (first, firstId) = await app.CreateOwnedLinkAsync(owner);
        var (second, secondId) = await app.CreateOwnedLinkAsync(owner);
        var (third, thirdId) = await app.CreateOwnedLinkAsync(other);
        await CounterRows.AddAsync(app, History(firstId, owner.Id, Now.AddDays(-4), Now));
        await CounterRows.AddAsync(app, History(secondId, owner.Id, Now.AddDays(-2), Now, seed: 7));
        await CounterRows.AddAsync(app, History(thirdId, other.Id, Now.AddDays(-3), Now, seed: 3));
        await Compaction(app).CompactAsync(Ct);
        // Visits after the watermark, so every window has hourly parts too.
        await CounterRows.AddAsync(app, History(secondId, owner.Id, Now.AddHours(-5), Now, seed: 11));

        foreach (var query in Windows.Concat(EndingNow))
        {
            var mine = await OverviewAsync(Client(app, owner), query);
            var links = new[] { first, second }.Select(async c => JsonDocument.Parse(await GetAsync(Client(app, owner), c, query)).RootElement);
            AssertSums(mine, await Task.WhenAll(links));
            Assert.Equal(2, mine.GetProperty("links").GetInt32());

            var all = await OverviewAsync(Client(app, admin), query);
            var everyLink = new[] { first, second, third }.Select(async c => JsonDocument.Parse(await GetAsync(Client(app, admin), c, query)).RootElement);
            AssertSums(all, await Task.WhenAll(everyLink));
        }
    }

    [Fact]
    public async Task Top_links_are_exact_with_a_link_never_in_any_days_top_k()
    {
        await using var app = await StartAsync();
        var owner = await app.CreateUserAsync();
        var steady = await app.CreateOwnedLinkAsync(owner);
        var spikes = new List<(string Code, long Id)>();
        for (var i = 0; i < 10; i++)
        {
            spikes.Add(await app.CreateOwnedLinkAsync(owner));
        }

        // Each of five days two spikes of 10 visits and the steady link's 4; today 3 more for the last spike.
        var visits = new List<CountedVisit>();
        for (var day = 0; day < 5; day++)
        {
            var at = new DateTime(2026, 5, 27 + day, 9, 0, 0, DateTimeKind.Utc);
            foreach (var spike in spikes.Skip(2 * day).Take(2))
            {
                visits.AddRange(Enumerable.Range(0, 10).Select(v => new CountedVisit(spike.Id, owner.Id, at.AddMinutes(v), Visitor: v)));
            }

            visits.AddRange(Enumerable.Range(0, 4).Select(v => new CountedVisit(steady.Id, owner.Id, at.AddHours(3), Visitor: v)));
        }

        visits.AddRange(Enumerable.Range(0, 3).Select(v => new CountedVisit(spikes[9].Id, owner.Id, Now.AddHours(-1), Visitor: v)));
        await CounterRows.AddAsync(app, visits);
        await Compaction(app).CompactAsync(Ct);

        var window = Window("from=2026-05-26&to=2026-06-02&granularity=day");
        foreach (var ownerId in new long?[] { owner.Id, null })
        {
            var top = await app.WithClicksDbAsync(async db =>
            {
                var through = await ClickCompaction.ThroughAsync(db, Ct);
                return await TopLinks.ReadAsync(db, ownerId, window, through, 3, CodesAsync(app), Ct, candidates: 2);
            });

            Assert.Equal([(steady.Code, 20L), (spikes[9].Code, 13L), (spikes[0].Code, 10L)], top.Select(t => (t.Code, t.Total)));
        }

        // A window that cuts the first day: its hours are summed exactly, the day's top K bounds them.
        var cut = await app.WithClicksDbAsync(async db => await TopLinks.ReadAsync(
            db, owner.Id, Window("from=2026-05-27T10:00:00Z&to=2026-05-29T00:00:00Z&granularity=hour"),
            await ClickCompaction.ThroughAsync(db, Ct), 2, CodesAsync(app), Ct, candidates: 1));
        Assert.Equal([(spikes[2].Code, 10L), (spikes[3].Code, 10L)], cut.Select(t => (t.Code, t.Total)));

        var overview = await OverviewAsync(Client(app, owner), "from=2026-05-26&to=2026-06-02&granularity=day");
        Assert.Equal(steady.Code, overview.GetProperty("topLinks")[0].Str("code"));
        Assert.Equal(20, overview.GetProperty("topLinks")[0].GetProperty("total").GetInt64());
    }

    /// <summary>Visits of one link every few hours from <paramref name="from"/> to <paramref name="to"/>, in
    /// a mix of classes, referrers, browsers and countries, a visitor coming back now and then.</summary>
    private static List<CountedVisit> History(long linkId, long ownerId, DateTime from, DateTime to, int seed = 1)
    {
        string[] referrers = [VisitProfile.Direct, "news.ycombinator.com", "t.co", "www.google.com"];
        string[] browsers = ["Chrome", "Firefox", "Safari"];
        string[] countries = ["DE", "US", VisitProfile.Unknown, "IN"];
        VisitorClass[] classes = [VisitorClass.Human, VisitorClass.Human, VisitorClass.Bot, VisitorClass.Unfurler, VisitorClass.Human];
        var visits = new List<CountedVisit>();
        var i = seed;
        for (var at = from; at < to; at = at.AddMinutes(97 + (i % 5 * 13)))
        {
            i++;
            for (var v = 0; v < 1 + (i % 4); v++)
            {
                visits.Add(new CountedVisit(linkId, ownerId, at, classes[(i + v) % classes.Length], referrers[(i * 3 + v) % referrers.Length],
                    browsers[(i + v) % browsers.Length], i % 2 == 0 ? "Windows" : "iOS", i % 3 == 0 ? "Mobile" : "Desktop",
                    countries[(i + 2 * v) % countries.Length], Visitor: (i * 7 + v) % 23));
            }
        }

        return visits;
    }

    private static void AssertSums(JsonElement overview, JsonElement[] links)
    {
        var totals = overview.GetProperty("totals");
        foreach (var property in totals.EnumerateObject())
        {
            Assert.Equal(links.Sum(l => l.GetProperty("totals").GetProperty(property.Name).GetInt64()), property.Value.GetInt64());
        }

        var series = overview.GetProperty("series").EnumerateArray().Select(b => b.GetProperty("total").GetInt64()).ToArray();
        var summed = Enumerable.Range(0, series.Length)
            .Select(i => links.Sum(l => l.GetProperty("series")[i].GetProperty("total").GetInt64())).ToArray();
        Assert.Equal(summed, series);

        foreach (var table in new[] { "referrers", "browsers", "os", "devices", "countries" })
        {
            var expected = links.SelectMany(l => l.GetProperty("top").GetProperty(table).EnumerateArray())
                .GroupBy(e => e.Str("value")).Select(g => (g.Key, g.Sum(e => e.GetProperty("count").GetInt64())))
                .OrderByDescending(e => e.Item2).ThenBy(e => e.Key, StringComparer.Ordinal).ToArray();
            var actual = overview.GetProperty("top").GetProperty(table).EnumerateArray()
                .Select(e => (e.Str("value"), e.GetProperty("count").GetInt64())).ToArray();
            Assert.Equal(expected, actual);
        }

        var topLinks = overview.GetProperty("topLinks").EnumerateArray().Select(t => (t.Str("code"), t.GetProperty("total").GetInt64())).ToArray();
        var expectedLinks = links.Select(l => (l.Str("code"), Total(l))).Where(l => l.Item2 > 0).OrderByDescending(l => l.Item2).ToArray();
        Assert.Equal(expectedLinks.Select(l => l.Item2), topLinks.Select(l => l.Item2));
        Assert.Equal(expectedLinks.Select(l => l.Item1).Order(), topLinks.Select(l => l.Item1).Order());
    }

    private static async Task<string[]> AllWindowsAsync(HttpClient client, string code, bool endingNow = false) =>
        await Task.WhenAll(Windows.Concat(endingNow ? EndingNow : []).Select(query => GetAsync(client, code, query)));

    /// <summary>An app of its own whose compaction runs only when a test calls it, so that moving the clock
    /// starts no run beside the test's, and whose database has nothing compacted yet (the run at start
    /// finds no visits and moves the watermark to yesterday).</summary>
    private async Task<HopHost> StartAsync()
    {
        var app = await HopHost.StartAsync(Provider, new FakeClock());
        await Compaction(app).StopAsync(Ct);
        await app.WithClicksDbAsync(db => db.ClickCounters
            .Where(c => c.Name == CompactedDays.Counter || c.Name == CompactedHours.Counter).ExecuteDeleteAsync(Ct));
        return app;
    }

    private static async Task<string> GetAsync(HttpClient client, string code, string query)
    {
        var response = await client.GetAsync($"/api/v1/links/{code}/stats?{query}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static async Task<JsonElement> OverviewAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/stats?{query}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static HttpClient Client(HopHost app, TestUser user) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).AsUser(user);

    private static ClickCompaction Compaction(HopHost app) => app.Services.GetRequiredService<ClickCompaction>();

    private static Task<DateOnly?> ThroughAsync(HopHost app) => app.WithClicksDbAsync(db => ClickCompaction.ThroughAsync(db, Ct));

    private static Task<DateTime?> HoursThroughAsync(HopHost app) => app.WithClicksDbAsync(db => ClickCompaction.HoursThroughAsync(db, Ct));

    /// <summary>The hourly top-list rows: per hour, dimension and value, their count.</summary>
    private static Task<List<(DateTime, StatsDimension, string, long)>> HourlyRowsAsync(HopHost app) =>
        app.WithClicksDbAsync(async db => (await db.LinkDimensionHours.AsNoTracking().ToListAsync(Ct))
            .Select(r => (r.Hour, r.Dimension, r.Value, r.Count)).Order().ToList());

    /// <summary>What the hourly top-list rows must hold through <paramref name="through"/>: the profiles'
    /// counts split into dimension values, summed per hour.</summary>
    private static Task<List<(DateTime, StatsDimension, string, long)>> ProfileSumsAsync(HopHost app, DateTime through) =>
        app.WithClicksDbAsync(async db => (await db.VisitProfiles.AsNoTracking().Where(p => p.Hour <= through).ToListAsync(Ct))
            .SelectMany(p => ProfileDimensions.All.Select(d => (p.Hour, d.Dimension, Value: d.Value(
                new ProfileCombination(p.Referrer, p.Browser, p.Os, p.Device, p.Country, p.Count)), p.Count)))
            .GroupBy(r => (r.Hour, r.Dimension, r.Value))
            .Select(g => (g.Key.Hour, g.Key.Dimension, g.Key.Value, g.Sum(r => r.Count))).Order().ToList());

    private static Task<(long Days, long Dimensions, long Visitors)> DailyRowsAsync(HopHost app) =>
        app.WithClicksDbAsync(async db => (
            await db.LinkDays.SumAsync(d => d.Total, Ct),
            await db.LinkDimensionDays.SumAsync(d => d.Count, Ct),
            await db.LinkVisitorDays.SumAsync(d => d.Visitors, Ct)));

    private static Func<long[], CancellationToken, Task<Dictionary<long, string>>> CodesAsync(HopHost app) =>
        (ids, ct) => app.WithDbAsync(db => db.Links.Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Code, ct));

    private static StatsWindow Window(string query)
    {
        var parts = query.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        var errors = new Dictionary<string, string[]>();
        return StatsWindow.TryCreate(parts.GetValueOrDefault("from"), parts.GetValueOrDefault("to"), parts.GetValueOrDefault("granularity"),
            parts.GetValueOrDefault("tz"), Now, errors) ?? throw new InvalidOperationException(string.Join(", ", errors.Keys));
    }

    private static long Total(JsonElement stats) => Count(stats, "total");

    private static long Count(JsonElement stats, string name) => stats.GetProperty("totals").GetProperty(name).GetInt64();

    private static long Entry(JsonElement stats, string table, string value) =>
        stats.GetProperty("top").GetProperty(table).EnumerateArray().Where(e => e.Str("value") == value)
            .Select(e => e.GetProperty("count").GetInt64()).SingleOrDefault();
}

public sealed class SqliteStatsCompactionTests : StatsCompactionTests
{
    private protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresStatsCompactionTests : StatsCompactionTests
{
    private protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
