using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Hop.Clicks;
using Hop.Clicks.Writing;
using Hop.IntegrationTests.Clicks;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hop.IntegrationTests.Pages;

/// <summary>
/// The stats pages over HTTP, once per provider (their stats read paths differ): a link's panel and
/// its fragment route for its owner only, the buckets each range, grain and zone make, errors as a
/// page rather than a 500, hostile values as text, and the account-wide overview.
/// </summary>
public abstract partial class StatsPagesTests(HopHost host)
{
    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private const string Slack = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)";
    private const string Curl = "curl/8.5.0";
    private const string Outlook = "Mozilla/5.0 (compatible; Microsoft Outlook SafeLinks)";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_panel_shows_a_links_visits_to_its_owner_as_tiles_a_chart_and_its_numbers()
    {
        var owner = await host.CreateUserAsync();
        var (code, id) = await host.CreateOwnedLinkAsync(owner);
        var now = host.Now.UtcDateTime;
        await WriteAsync(Event(id, now, Chrome, "198.51.100.1"), Event(id, now, Chrome, "198.51.100.2"), Event(id, now, Curl), Event(id, now, Slack));

        foreach (var path in new[] { $"/links/{id}/stats-panel?range=24h", $"/links/{id}/stats?range=24h" })
        {
            var response = await owner.Client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync(Ct);

            Assert.Contains("id=\"stats-body\"", html, StringComparison.Ordinal);
            Assert.Equal("4", Tile(html, "Total visits"));
            Assert.Equal("2", Tile(html, "Humans"));
            Assert.Equal("1", Tile(html, "Bots"));
            Assert.Equal("1", Tile(html, "Unfurlers"));
            Assert.Equal("0", Tile(html, "The rest"));
            Assert.Equal("4", Tile(html, "Unique visitors"));
            Assert.Matches("<svg class=\"timeline\" role=\"img\" aria-labelledby=\"stats-visits-title stats-visits-desc\"", html);
            Assert.Contains("<title id=\"stats-visits-title\">Visits over time</title>", html, StringComparison.Ordinal);
            Assert.Matches("<desc id=\"stats-visits-desc\">4 visits per hour from ", html);
            Assert.Contains("<summary>Show the numbers</summary>", html, StringComparison.Ordinal);
            Assert.Equal(4, BucketTotals(html).Sum());
            Assert.Contains($"data-feed=\"/api/v1/links/{code}/stats/live?domain=", html, StringComparison.Ordinal);
            Assert.Contains($"data-panel=\"/links/{id}/stats-panel?range=24h&amp;tz=UTC\"", html, StringComparison.Ordinal);
            Assert.Matches("<script src=\"/js/stats-live\\.[a-z0-9]+\\.js\" defer", html);
            Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task An_empty_panel_still_draws_its_axes_and_says_there_are_no_visits()
    {
        var owner = await host.CreateUserAsync();
        var (_, id) = await host.CreateOwnedLinkAsync(owner);

        var html = await owner.Client.GetStringAsync($"/links/{id}/stats-panel", Ct);

        Assert.Equal("0", Tile(html, "Total visits"));
        Assert.Contains("No visits in this range</text>", html, StringComparison.Ordinal);
        Assert.Contains("No visits per day from ", html, StringComparison.Ordinal);
        // The default range is the last 7 days per day: 8 buckets when it starts mid-day.
        Assert.InRange(BucketTotals(html).Length, 7, 8);
        Assert.Contains("Top referrers, browsers, operating systems, devices and countries appear here once there are visits in this range.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_elses_link_is_a_404_with_nothing_of_it_and_strangers_sign_in_first()
    {
        var owner = await host.CreateUserAsync();
        var other = await host.CreateUserAsync();
        var admin = await host.CreateUserAsync(Hop.Accounts.Roles.Admin);
        var (code, id) = await host.CreateOwnedLinkAsync(owner);
        await WriteAsync(Event(id, host.Now.UtcDateTime, Chrome));

        foreach (var path in new[] { $"/links/{id}/stats-panel", $"/links/{id}/stats" })
        {
            var hidden = await other.Client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
            var html = await hidden.Content.ReadAsStringAsync(Ct);
            Assert.DoesNotContain("stats-body", html, StringComparison.Ordinal);
            Assert.DoesNotContain(code, html, StringComparison.Ordinal);

            Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync(path, Ct)).StatusCode);
            var anonymous = await host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/login", anonymous.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync("/links/999999999/stats-panel", Ct)).StatusCode);
    }

    [Fact]
    public async Task Range_granularity_and_time_zone_change_the_buckets()
    {
        var owner = await host.CreateUserAsync();
        var (_, id) = await host.CreateOwnedLinkAsync(owner);
        await WriteAsync(
            Event(id, Utc("2026-05-01T18:29:00Z"), Chrome),           // 05-01 23:59 IST
            Event(id, Utc("2026-05-01T19:00:00Z"), Chrome, "198.51.100.2"), // 05-02 00:30 IST, 05-01 19:00 UTC
            Event(id, Utc("2026-05-02T10:15:00Z"), Curl),
            Event(id, Utc("2026-05-02T19:10:00Z"), Outlook));         // 05-03 00:40 IST, 05-02 19:10 UTC

        var utcDays = await owner.Client.GetStringAsync($"/links/{id}/stats-panel?range=custom&from=2026-05-01&to=2026-05-03&granularity=day", Ct);
        Assert.Equal(["Fri 2026-05-01", "Sat 2026-05-02", "Sun 2026-05-03"], Buckets(utcDays));
        Assert.Equal([2L, 2, 0], BucketTotals(utcDays));
        Assert.Equal("1", Tile(utcDays, "The rest"));

        var kolkataDays = await owner.Client.GetStringAsync($"/links/{id}/stats-panel?from=2026-05-01&to=2026-05-03&tz=Asia/Kolkata", Ct);
        Assert.Equal([1L, 2, 1], BucketTotals(kolkataDays));
        Assert.Contains("(Asia/Kolkata)", kolkataDays, StringComparison.Ordinal);
        Assert.Matches("<option value=\"Asia/Kolkata\" selected", kolkataDays);

        var hours = await owner.Client.GetStringAsync($"/links/{id}/stats-panel?range=custom&from=2026-05-01&to=2026-05-01&granularity=hour", Ct);
        Assert.Equal(24, Buckets(hours).Length);
        Assert.Equal("2026-05-01 18:00", Buckets(hours)[18]);
        Assert.Equal(1, BucketTotals(hours)[18]);

        var weeks = await owner.Client.GetStringAsync($"/links/{id}/stats-panel?range=custom&from=2026-04-27&to=2026-05-10&granularity=week", Ct);
        Assert.Equal(["Week of 2026-04-27", "Week of 2026-05-04"], Buckets(weeks));
        Assert.Equal([4L, 0], BucketTotals(weeks));

        var months = await owner.Client.GetStringAsync($"/links/{id}/stats-panel?range=custom&from=2026-04-01&to=2026-06-30&granularity=month", Ct);
        Assert.Equal(["April 2026", "May 2026", "June 2026"], Buckets(months));
        Assert.Equal([0L, 4, 0], BucketTotals(months));

        // A past range is not live: nothing new can land in it.
        Assert.DoesNotContain("data-feed=", months, StringComparison.Ordinal);
        Assert.Contains("data-feed=", await owner.Client.GetStringAsync($"/links/{id}/stats-panel?range=90d", Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tz=Mars/Olympus", "Time zone")]
    [InlineData("granularity=minute", "Granularity")]
    [InlineData("range=forever", "Range")]
    [InlineData("range=custom", "From")]
    [InlineData("range=custom&from=yesterday", "From")]
    [InlineData("from=2026-03-02&to=2026-03-01", "To")]
    [InlineData("range=90d&granularity=hour", "From")]
    public async Task A_bad_choice_is_an_error_on_the_page_naming_the_field(string query, string field)
    {
        var owner = await host.CreateUserAsync();
        var (_, id) = await host.CreateOwnedLinkAsync(owner);

        var response = await owner.Client.GetAsync($"/links/{id}/stats-panel?{query}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("These statistics cannot be shown:", html, StringComparison.Ordinal);
        Assert.Contains($"<li>{field}: ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg class=\"timeline\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_referrers_and_agents_are_text_in_the_top_tables()
    {
        const string Script = "<script>alert(1)</script>";
        const string Image = "<img src=x onerror=alert(1)>";
        var owner = await host.CreateUserAsync();
        var (code, id) = await host.CreateOwnedLinkAsync(owner);
        // Through a redirect the referrer is cut to its host and the agent to a browser name, so the
        // hostile values go straight into the counters, as an import or another writer could put them.
        var hour = new DateTime(host.Now.UtcDateTime.Ticks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour, DateTimeKind.Utc);
        await host.WithClicksDbAsync(async db =>
        {
            db.VisitCounts.Add(new VisitCount { LinkId = id, Hour = hour, Counts = VisitorCounts.Of([VisitorClass.Human, VisitorClass.Human]) });
            db.VisitProfiles.Add(new VisitProfile { LinkId = id, Hour = hour, Referrer = Script, Browser = Image, Os = Image, Device = Script, Country = "XX", Count = 2 });
            return await db.SaveChangesAsync(Ct);
        });
        using var visit = new HttpRequestMessage(HttpMethod.Get, $"/{code}");
        visit.Headers.TryAddWithoutValidation("User-Agent", $"Mozilla/5.0 {Image} {Script}");
        visit.Headers.TryAddWithoutValidation("Referer", $"https://example.com/{Script}");
        Assert.Equal(HttpStatusCode.Found, (await host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).SendAsync(visit, Ct)).StatusCode);

        var html = await owner.Client.GetStringAsync($"/links/{id}/stats-panel?range=24h", Ct);

        Assert.DoesNotContain(Script, html, StringComparison.Ordinal);
        Assert.DoesNotContain(Image, html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_overview_covers_the_callers_links_with_the_top_links()
    {
        var owner = await host.CreateUserAsync();
        var stranger = await host.CreateUserAsync();
        var (busy, busyId) = await host.CreateOwnedLinkAsync(owner);
        var (quiet, quietId) = await host.CreateOwnedLinkAsync(owner);
        var (other, otherId) = await host.CreateOwnedLinkAsync(stranger);
        var now = host.Now.UtcDateTime;
        await WriteAsync(Event(busyId, now, Chrome), Event(busyId, now, Curl), Event(quietId, now, Chrome), Event(otherId, now, Chrome));

        var response = await owner.Client.GetAsync("/stats?range=24h", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<h1>Statistics</h1>", html, StringComparison.Ordinal);
        Assert.Equal("2", Tile(html, "Links"));
        Assert.Equal("3", Tile(html, "Total visits"));
        Assert.Contains($"<a href=\"/links/{busyId}/stats\">{busy}</a>", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/links/{quietId}/stats\">{quiet}</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(other, html, StringComparison.Ordinal);
        Assert.True(html.IndexOf(busy, StringComparison.Ordinal) < html.IndexOf(quiet, StringComparison.Ordinal));
        Assert.Equal(3, BucketTotals(html).Sum());

        var anonymous = await host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/stats", Ct);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }

    /// <summary>The value of the tile labelled <paramref name="label"/>.</summary>
    private static string Tile(string html, string label)
    {
        var match = Regex.Match(html, $"<span class=\"value\">([^<]*)</span>\\s*<span class=\"label\">(?:<span[^>]*></span>)?{Regex.Escape(label)}[ <]");
        Assert.True(match.Success, $"No tile {label}.");
        return match.Groups[1].Value;
    }

    /// <summary>The bucket names of the visits chart's data table, in order.</summary>
    private static string[] Buckets(string html) => [.. BucketRow().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    /// <summary>The last column (Total) of each row of the chart's data table.</summary>
    private static long[] BucketTotals(string html) =>
        [.. BucketRow().Matches(html).Select(m => long.Parse(m.Groups[2].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture))];

    [GeneratedRegex("<tr><th scope=\"row\" class=\"nowrap\">([^<]+)</th>(?:<td class=\"num\" data-label=\"[^\"]+\">[^<]*</td>)*<td class=\"num\" data-label=\"Total\">([0-9,]+)</td></tr>")]
    private static partial Regex BucketRow();

    private async Task WriteAsync(params ClickEvent[] events) =>
        await host.Services.GetRequiredService<ClickBatchWriter>().WriteAsync(events, Ct);

    private static DateTime Utc(string text) => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    private static ClickEvent Event(long linkId, DateTime at, string agent, string ip = "198.51.100.1") => new()
    {
        LinkId = linkId,
        OccurredAt = at,
        UserAgent = agent,
        ClientIp = ip,
        Route = ClickRoute.Target,
    };
}

public sealed class SqliteStatsPagesTests(HopHost<Sqlite, Defaults> host)
    : StatsPagesTests(host), IClassFixture<HopHost<Sqlite, Defaults>>;

public sealed class PostgresStatsPagesTests(HopHost<Postgres, Defaults> host)
    : StatsPagesTests(host), IClassFixture<HopHost<Postgres, Defaults>>;
