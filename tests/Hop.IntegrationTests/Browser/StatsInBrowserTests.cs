using System.Text.RegularExpressions;
using Hop.Clicks;
using Hop.IntegrationTests.Clicks;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Hop.IntegrationTests.Browser;

/// <summary>
/// A link's statistics in the real browser: the panel passes the audit empty and with data, a click on
/// the short link shows up in the tiles and the chart while the page stays open (the live feed, no
/// reload), the form's range, grain and zone change the buckets, hostile values stay text, and the
/// overview passes the audit too. Clicks flush every 100 ms (<see cref="FastClicks"/>).
/// </summary>
public sealed class StatsInBrowserTests(LiveHost<Sqlite, FastClicks> host, BrowserFixture browser) : IClassFixture<LiveHost<Sqlite, FastClicks>>
{
    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_click_shows_up_in_the_tiles_and_the_chart_without_a_reload()
    {
        var (page, user) = await browser.NewSignedInPageAsync(host);
        try
        {
            var (code, id) = await CreateLinkAsync(user);
            await page.GotoAsync($"/links/{id}/stats?range=24h");
            await Assertions.Expect(Tile(page, "Total visits")).ToHaveTextAsync("0");
            await Assertions.Expect(page.Locator("[data-live-state=open]")).ToHaveCountAsync(1);
            await PageAudit.AssertGoodAsync(page, "stats-panel-empty");
            await page.EvaluateAsync("() => { window.stillTheSamePage = true; }");

            await FollowAsync(code, Chrome, "https://news.example.org/post/1");

            await Assertions.Expect(Tile(page, "Total visits")).ToHaveTextAsync("1");
            await Assertions.Expect(Tile(page, "Humans")).ToHaveTextAsync("1");
            await Assertions.Expect(page.Locator("#stats-visits svg .bar rect")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("1 new visit");
            await Assertions.Expect(page.Locator(".bar-chart", new() { HasText = "Top referrers" })).ToContainTextAsync("news.example.org");
            Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));

            // A second visit, by a bot this time, lands in the open table of numbers.
            await page.GetByText("Show the numbers").ClickAsync();
            await FollowAsync(code, "curl/8.5.0", null);
            await Assertions.Expect(Tile(page, "Bots")).ToHaveTextAsync("1");
            await Assertions.Expect(page.Locator("#stats-visits-numbers")).ToHaveAttributeAsync("open", "");
            Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));

            await PageAudit.AssertGoodAsync(page, "stats-panel");
            await page.SetViewportSizeAsync(1440, 900);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_form_changes_the_range_the_grain_and_the_time_zone_of_the_buckets()
    {
        var (page, user) = await browser.NewSignedInPageAsync(host);
        try
        {
            var (_, id) = await CreateLinkAsync(user);
            await page.GotoAsync($"/links/{id}/stats?tz=UTC");
            var rows = page.Locator("#stats-visits-numbers tbody tr");
            Assert.InRange(await rows.CountAsync(), 7, 8);

            await page.Locator("#stats-range").SelectOptionAsync("24h");
            await page.Locator("#stats-granularity").SelectOptionAsync("hour");
            await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("range=24h&granularity=hour&tz=UTC"));
            Assert.InRange(await rows.CountAsync(), 24, 25);
            await Assertions.Expect(rows.First.Locator("th")).ToHaveTextAsync(new Regex(":00$"));

            await page.Locator("#stats-tz").SelectOptionAsync("Asia/Kolkata");
            await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("tz=Asia%2FKolkata"));
            await Assertions.Expect(rows.First.Locator("th")).ToHaveTextAsync(new Regex(":30$"));

            await page.Locator("#stats-range").SelectOptionAsync("custom");
            await page.Locator("#stats-granularity").SelectOptionAsync("week");
            await page.Locator("#stats-from").FillAsync("2026-04-27");
            await page.Locator("#stats-to").FillAsync("2026-05-10");
            await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
            await Assertions.Expect(rows).ToHaveCountAsync(2);
            await Assertions.Expect(rows.First.Locator("th")).ToHaveTextAsync("Week of 2026-04-27");

            await page.Locator("#stats-granularity").SelectOptionAsync("hour");
            await page.Locator("#stats-from").FillAsync("2020-01-01");
            await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("From:");
            await PageAudit.AssertGoodAsync(page, "stats-panel-error");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Hostile_referrers_and_agents_render_as_text()
    {
        const string Script = "<script>alert(1)</script>";
        const string Image = "<img src=x onerror=alert(1)>";
        var (page, user) = await browser.NewSignedInPageAsync(host);
        try
        {
            var (code, id) = await CreateLinkAsync(user);
            var hour = new DateTime(host.Now.UtcDateTime.Ticks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour, DateTimeKind.Utc);
            await host.WithClicksDbAsync(async db =>
            {
                db.VisitCounts.Add(new VisitCount { LinkId = id, Hour = hour, Counts = VisitorCounts.Of([VisitorClass.Human]) });
                db.VisitProfiles.Add(new VisitProfile { LinkId = id, Hour = hour, Referrer = Script, Browser = Image, Os = Script, Device = Image, Country = "XX", Count = 1 });
                return await db.SaveChangesAsync(Ct);
            });
            await FollowAsync(code, $"Mozilla/5.0 {Image}", $"https://example.com/{Script}");
            var dialogs = 0;
            page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

            await page.GotoAsync($"/links/{id}/stats?range=24h");

            var referrers = page.Locator(".bar-chart", new() { HasText = "Top referrers" });
            await Assertions.Expect(referrers.Locator(".bar-label", new() { HasText = Script })).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator(".bar-chart", new() { HasText = "Browsers" }).Locator(".bar-label", new() { HasText = Image })).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#stats-body img")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#stats-body script")).ToHaveCountAsync(0);
            Assert.Equal(0, dialogs);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_overview_and_the_panel_read_well_in_the_dark_scheme_too()
    {
        var (user, password) = await host.CreateUserWithPasswordAsync();
        var (code, id) = await CreateLinkAsync(user);
        var (other, otherId) = await CreateLinkAsync(user);
        await FollowAsync(code, Chrome, "https://news.example.org/");
        await FollowAsync(code, "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", null);
        await FollowAsync(other, Chrome, null);
        await CountedAsync(id, 2);
        await CountedAsync(otherId, 1);
        foreach (var scheme in new[] { "light", "dark" })
        {
            var page = await browser.NewPageAsync(host, colorScheme: scheme);
            try
            {
                await page.GotoAsync("/login");
                await page.GetByLabel("Username or email").FillAsync(user.Username);
                await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
                await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
                await page.WaitForLoadStateAsync();

                await page.GotoAsync("/stats?range=24h&granularity=hour");
                await Assertions.Expect(Tile(page, "Total visits")).ToHaveTextAsync("3");
                await Assertions.Expect(page.Locator(".bar-chart", new() { HasText = "Top links" }).GetByRole(AriaRole.Link)).ToHaveCountAsync(2);
                await PageAudit.AssertGoodAsync(page, scheme == "light" ? "stats-overview" : "stats-overview-dark");

                await page.GotoAsync($"/links/{id}/stats?range=24h&granularity=hour");
                await Assertions.Expect(Tile(page, "Total visits")).ToHaveTextAsync("2");
                if (scheme == "dark")
                {
                    await PageAudit.AssertGoodAsync(page, "stats-panel-dark");
                }
            }
            finally
            {
                await page.Context.CloseAsync();
            }
        }
    }

    private static ILocator Tile(IPage page, string label) =>
        page.Locator(".tile", new() { Has = page.Locator(".label", new() { HasTextRegex = new Regex("^" + Regex.Escape(label)) }) }).Locator(".value");

    /// <summary>A link of <paramref name="user"/>'s, made through the API on the live port.</summary>
    private async Task<(string Code, long Id)> CreateLinkAsync(TestUser user)
    {
        using var client = new HttpClient { BaseAddress = new Uri(host.Address) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user.ApiKey);
        var created = await client.CreateLinkAsync(new { url = $"https://example.com/{Guid.NewGuid():N}" });
        created.EnsureSuccessStatusCode();
        var code = (await created.ReadJsonAsync()).Str("code");
        var id = await host.WithDbAsync(db => Task.FromResult(db.Links.Single(l => l.Code == code).Id));
        return (code, id);
    }

    /// <summary>Returns once <paramref name="expected"/> visits of the link are in its counters.</summary>
    private async Task CountedAsync(long linkId, long expected) =>
        await Poll.UntilAsync(
            async () => await host.WithClicksDbAsync(db => Task.FromResult(db.VisitCounts.Where(c => c.LinkId == linkId).AsEnumerable().Sum(c => c.Counts.Total))) >= expected,
            $"{expected} visits of link {linkId}");

    /// <summary>Follows the short link as a visitor would.</summary>
    private async Task FollowAsync(string code, string agent, string? referrer)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(host.Address) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{code}");
        request.Headers.TryAddWithoutValidation("User-Agent", agent);
        if (referrer is not null)
        {
            request.Headers.TryAddWithoutValidation("Referer", referrer);
        }

        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(System.Net.HttpStatusCode.Found, response.StatusCode);
    }
}
