using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hop.Accounts;
using Hop.Clicks.Writing;
using Hop.IntegrationTests.Accounts;
using Hop.IntegrationTests.Infrastructure;
using Hop.IntegrationTests.Links;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hop.IntegrationTests.Safety;

/// <summary>
/// Abuse reports end to end: through the API and the form into the admin queue, each action's effect
/// on the link, its owner and the caches, the record of who did what when, the per-IP limit, and the
/// interstitial a link gets once enough visitors report it.
/// </summary>
public abstract partial class AbuseReportTests(HopHost host) : IAsyncLifetime
{
    private TestUser _owner = null!;
    private TestUser _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _owner = await host.CreateUserAsync();
        _admin = await host.CreateUserAsync(Roles.Admin);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An anonymous browser at its own address: keeps cookies, does not follow redirects.</summary>
    private HttpClient Visitor(string? ip = null)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestClientIp.IpHeader, ip ?? AccountsTestKit.NewClientIp());
        return client;
    }

    private async Task<(string Code, string ShortUrl)> CreateLinkAsync(TestUser? owner = null, string? url = null)
    {
        var created = await (owner ?? _owner).Client.CreateLinkAsync(new { url = url ?? $"https://example.org/{Guid.NewGuid():N}" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        return (body.Str("code"), body.Str("shortUrl"));
    }

    private Task<HttpResponseMessage> ReportAsync(string shortUrl, string reason = "phishing", string? ip = null, string? details = null) =>
        Visitor(ip).PostAsJsonAsync("/api/v1/reports", new { shortUrl, reason, details }, ApiClient.Json, Ct);

    private async Task<long> ReportedAsync(string shortUrl, string reason = "phishing", string? ip = null)
    {
        var response = await ReportAsync(shortUrl, reason, ip);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("open", body.Str("status"));
        return body.GetProperty("id").GetInt64();
    }

    private async Task<JsonElement> QueuedAsync(long id)
    {
        var response = await _admin.Client.GetAsync($"/api/v1/admin/reports/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private Task<HttpResponseMessage> ActAsync(long id, string action, string? note = null) =>
        _admin.Client.PostAsJsonAsync($"/api/v1/admin/reports/{id}/actions", new { action, note }, ApiClient.Json, Ct);

    private async Task<JsonElement> ActedAsync(long id, string action, string? note = null)
    {
        var response = await ActAsync(id, action, note);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private async Task<HttpStatusCode> FollowAsync(string code) => (await Visitor().GetAsync($"/{code}", Ct)).StatusCode;

    [Fact]
    public async Task A_report_through_the_api_reaches_the_queue_with_its_link_and_owner()
    {
        var (code, shortUrl) = await CreateLinkAsync(url: "https://example.org/queued");
        const string ip = "198.51.100.23";
        var id = await ReportedAsync(shortUrl, "malware", ip);
        var second = await ReportedAsync(code, "spam");

        var list = await _admin.Client.GetAsync("/api/v1/admin/reports?status=open", Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var items = (await list.ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        var report = items.Single(r => r.GetProperty("id").GetInt64() == id);
        Assert.True(items.FindIndex(r => r.GetProperty("id").GetInt64() == second) < items.IndexOf(report), "newest first");
        Assert.Equal(code, report.Str("code"));
        Assert.Equal("malware", report.Str("reason"));
        Assert.Equal("open", report.Str("status"));
        Assert.Equal(host.Now.UtcDateTime, report.GetProperty("createdAt").GetDateTime());
        var link = report.GetProperty("link");
        Assert.Equal("https://example.org/queued", link.Str("target"));
        Assert.Equal("example.org", link.Str("targetHost"));
        Assert.Equal(_owner.Id, link.GetProperty("ownerId").GetInt64());
        Assert.Equal(_owner.Username, link.Str("ownerUsername"));
        Assert.Equal(2, link.GetProperty("reportCount").GetInt32());
        Assert.Equal(2, link.GetProperty("openReportCount").GetInt32());
        Assert.Empty(report.GetProperty("actions").EnumerateArray());

        // The reporter is a key, never the address.
        var key = report.Str("reporterKey");
        Assert.DoesNotContain(ip, key, StringComparison.Ordinal);
        var stored = await host.WithDbAsync(db => db.AbuseReports.SingleAsync(r => r.Id == id, Ct));
        Assert.Equal(key, stored.ReporterKey);
        Assert.DoesNotContain("198.51", stored.ReporterKey, StringComparison.Ordinal);
        Assert.Equal(id, (await QueuedAsync(id)).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_report_through_the_form_reaches_the_queue()
    {
        var (code, _) = await CreateLinkAsync();
        var browser = Visitor();
        var form = await browser.GetAsync($"/report?code={code}", Ct);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"value=\"{code}\"", html, StringComparison.Ordinal);
        foreach (var field in new[] { "shortUrl", "reason", "details", "contactEmail" })
        {
            Assert.Contains($"<label for=\"{field}\">", html, StringComparison.Ordinal);
            Assert.Contains($"id=\"{field}\" name=\"{field}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("<option value=\"illegal-content\">", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("tabindex=\"[1-9]", html);

        var sent = await browser.PostAsync("/report", Form(TokenOf(html),
            ("_handler", "report"), ("shortUrl", code), ("reason", "scam"), ("details", "asks for my card <number>"), ("contactEmail", "me@example.net")), Ct);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var thanks = await sent.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<h1>Thank you</h1>", thanks, StringComparison.Ordinal);
        var id = long.Parse(ReferenceOf().Match(thanks).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        var report = await QueuedAsync(id);
        Assert.Equal(code, report.Str("code"));
        Assert.Equal("scam", report.Str("reason"));
        Assert.Equal("asks for my card <number>", report.Str("details"));
        Assert.Equal("me@example.net", report.Str("contactEmail"));

        // Without the antiforgery token nothing is stored.
        var before = await host.WithDbAsync(db => db.AbuseReports.CountAsync(Ct));
        var forged = await Visitor().PostAsync("/report", Form(null, ("_handler", "report"), ("shortUrl", code), ("reason", "spam")), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(before, await host.WithDbAsync(db => db.AbuseReports.CountAsync(Ct)));
    }

    [Fact]
    public async Task The_form_shows_friendly_errors_and_keeps_what_was_typed()
    {
        var browser = Visitor();
        var token = TokenOf(await browser.GetStringAsync("/report", Ct));
        var response = await browser.PostAsync("/report", Form(token,
            ("_handler", "report"), ("shortUrl", "https://elsewhere.example/nope!"), ("reason", ""), ("details", "typed text"), ("contactEmail", "not-an-email")), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("This is not a short link of this site.", html, StringComparison.Ordinal);
        Assert.Contains("Choose the reason that fits best.", html, StringComparison.Ordinal);
        Assert.Contains("Enter an email address", html, StringComparison.Ordinal);
        Assert.Contains("id=\"shortUrl-error\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"shortUrl-hint shortUrl-error\" aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains(">typed text</textarea>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"not-an-email\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validation_errors_name_the_field()
    {
        var (code, _) = await CreateLinkAsync();
        async Task<JsonElement> ErrorsAsync(object body)
        {
            var response = await Visitor().PostAsJsonAsync("/api/v1/reports", body, ApiClient.Json, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return (await response.ReadJsonAsync()).GetProperty("errors");
        }

        var unknown = await ErrorsAsync(new { shortUrl = "http://localhost/zzzzzzz", reason = "spam" });
        Assert.Contains("not a short link", unknown.GetProperty("shortUrl")[0].GetString(), StringComparison.Ordinal);
        Assert.False(unknown.TryGetProperty("reason", out _));

        var missing = await ErrorsAsync(new { reason = "spam" });
        Assert.Contains("required", missing.GetProperty("shortUrl")[0].GetString(), StringComparison.Ordinal);

        var reason = (await ErrorsAsync(new { shortUrl = code, reason = "boring" })).GetProperty("reason")[0].GetString();
        Assert.Equal("reason must be one of: phishing, malware, spam, scam, illegal-content, impersonation, other.", reason);

        var details = await ErrorsAsync(new { shortUrl = code, reason = "other", details = new string('x', 2001) });
        Assert.Contains("2,000", details.GetProperty("details")[0].GetString(), StringComparison.Ordinal);
        var email = await ErrorsAsync(new { shortUrl = code, reason = "other", contactEmail = "me at home" });
        Assert.True(email.TryGetProperty("contactEmail", out _));

        Assert.Equal(0, await host.WithDbAsync(db => db.AbuseReports.CountAsync(r => r.Code == code, Ct)));
        var exactly = await Visitor().PostAsJsonAsync("/api/v1/reports", new { shortUrl = $"/{code}+", reason = "other", details = new string('x', 2000) }, ApiClient.Json, Ct);
        Assert.Equal(HttpStatusCode.Accepted, exactly.StatusCode);
    }

    [Fact]
    public async Task Reports_are_limited_per_client_ip_with_429_and_retry_after()
    {
        var (code, _) = await CreateLinkAsync();
        var ip = AccountsTestKit.NewClientIp();
        for (var i = 0; i < AbuseReporting.ReportsPerHour; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await ReportAsync(code, ip: ip)).StatusCode);
        }

        AccountsTestKit.AssertTooManyRequests(await ReportAsync(code, ip: ip));

        // The form shares the limit, and a browser is answered with a page.
        var browser = Visitor(ip);
        var token = TokenOf(await browser.GetStringAsync("/report", Ct));
        var request = new HttpRequestMessage(HttpMethod.Post, "/report") { Content = Form(token, ("_handler", "report"), ("shortUrl", code), ("reason", "spam")) };
        request.Headers.Accept.ParseAdd("text/html");
        var page = await browser.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.True(page.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("<h1>Too many requests</h1>", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Accepted, (await ReportAsync(code)).StatusCode);
    }

    [Fact]
    public async Task Dismiss_closes_every_open_report_of_the_link_and_records_who_and_when()
    {
        var (code, _) = await CreateLinkAsync();
        var (other, _) = await CreateLinkAsync();
        var first = await ReportedAsync(code);
        var second = await ReportedAsync(code, "spam");
        var unrelated = await ReportedAsync(other);
        host.Clock.Advance(TimeSpan.FromMinutes(7));

        var dismissed = await ActedAsync(first, "dismiss", "a real shop");
        Assert.Equal("dismissed", dismissed.Str("status"));
        var action = dismissed.GetProperty("actions").EnumerateArray().Single();
        Assert.Equal("dismiss", action.Str("action"));
        Assert.Equal(_admin.Id, action.GetProperty("adminUserId").GetInt64());
        Assert.Equal(host.Now.UtcDateTime, action.GetProperty("at").GetDateTime());
        Assert.Equal("a real shop", action.Str("note"));

        var sibling = await QueuedAsync(second);
        Assert.Equal("dismissed", sibling.Str("status"));
        var siblingAction = sibling.GetProperty("actions").EnumerateArray().Single();
        Assert.Equal(_admin.Id, siblingAction.GetProperty("adminUserId").GetInt64());
        Assert.Equal($"with report {first}: a real shop", siblingAction.Str("note"));
        Assert.Equal("open", (await QueuedAsync(unrelated)).Str("status"));
        Assert.Equal(HttpStatusCode.Found, await FollowAsync(code));

        var open = await (await _admin.Client.GetAsync("/api/v1/admin/reports?status=open&limit=500", Ct)).ReadJsonAsync();
        Assert.DoesNotContain(open.GetProperty("items").EnumerateArray(), r => r.Str("code") == code);
        var closed = await (await _admin.Client.GetAsync("/api/v1/admin/reports?status=dismissed&limit=500", Ct)).ReadJsonAsync();
        Assert.Equal(2, closed.GetProperty("items").EnumerateArray().Count(r => r.Str("code") == code));

        // An action on a closed report is allowed and recorded; a dismissal never softens an action.
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await ActedAsync(first, "disable-link", "changed my mind");
        Assert.Equal("actioned", again.Str("status"));
        Assert.Equal(new[] { "dismiss", "disable-link" }, again.GetProperty("actions").EnumerateArray().Select(a => a.Str("action")));
        Assert.Equal("actioned", (await ActedAsync(first, "dismiss")).Str("status"));
    }

    [Fact]
    public async Task Disable_link_answers_410_at_once_with_a_warm_cache_and_its_owner_cannot_enable_it()
    {
        var (code, shortUrl) = await CreateLinkAsync();
        Assert.Equal(HttpStatusCode.Found, await FollowAsync(code));
        Assert.Equal(HttpStatusCode.Found, await FollowAsync(code));
        var id = await ReportedAsync(shortUrl);

        var acted = await ActedAsync(id, "disable-link", "phishing kit");
        Assert.Equal("actioned", acted.Str("status"));
        Assert.Equal("disabled", acted.GetProperty("link").Str("state"));
        Assert.Equal("disabled after an abuse report", acted.GetProperty("link").Str("disabledReason"));

        var gone = await Visitor().GetAsync($"/{code}", Ct);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Null(gone.Headers.Location);
        Assert.Contains($"href=\"/report?code={code}\"", await gone.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var enable = await _owner.Client.PatchLinkAsync(code, """{"disabled":false}""");
        Assert.Equal(HttpStatusCode.BadRequest, enable.StatusCode);
        Assert.Contains("administrator", (await enable.ReadJsonAsync()).GetProperty("errors").GetProperty("disabled")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, await FollowAsync(code));
    }

    [Fact]
    public async Task Disable_owner_stops_their_key_and_every_link_of_theirs()
    {
        var owner = await host.CreateUserAsync();
        var (code, shortUrl) = await CreateLinkAsync(owner);
        var (second, _) = await CreateLinkAsync(owner);
        var (bystander, _) = await CreateLinkAsync();
        Assert.Equal(HttpStatusCode.Found, await FollowAsync(second));
        var id = await ReportedAsync(shortUrl, "impersonation");

        var acted = await ActedAsync(id, "disable-owner", "runs a phishing campaign");
        Assert.Equal("actioned", acted.Str("status"));
        Assert.Equal("disable-owner", acted.GetProperty("actions")[0].Str("action"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await owner.Client.GetAsync("/api/v1/links", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, await FollowAsync(code));
        Assert.Equal(HttpStatusCode.Gone, await FollowAsync(second));
        Assert.Equal(HttpStatusCode.Found, await FollowAsync(bystander));
        var disabledAt = await host.WithDbAsync(db => db.Users.Where(u => u.Id == owner.Id).Select(u => u.DisabledAt).SingleAsync(Ct));
        Assert.Equal(host.Now.UtcDateTime, disabledAt);
    }

    [Fact]
    public async Task Block_domain_disables_every_link_to_the_domain_and_records_it()
    {
        var domain = $"bad-{Guid.NewGuid():N}"[..16] + ".com";
        var (code, shortUrl) = await CreateLinkAsync(url: $"https://{domain}/login");
        var (sub, _) = await CreateLinkAsync(await host.CreateUserAsync(), $"https://www.{domain}/pay");
        var (bystander, _) = await CreateLinkAsync(url: "https://example.org/fine");
        Assert.Equal(HttpStatusCode.Found, await FollowAsync(sub));
        var id = await ReportedAsync(shortUrl);

        var acted = await ActedAsync(id, "block-domain", "whole domain is a kit");
        Assert.Equal("actioned", acted.Str("status"));
        Assert.Equal(_admin.Id, acted.GetProperty("actions")[0].GetProperty("adminUserId").GetInt64());
        Assert.Equal(HttpStatusCode.Gone, await FollowAsync(code));
        Assert.Equal(HttpStatusCode.Gone, await FollowAsync(sub));
        Assert.Equal(HttpStatusCode.Found, await FollowAsync(bystander));
    }

    [Fact]
    public async Task Block_domain_refuses_new_links_to_the_domain_from_then_on()
    {
        var domain = $"kit-{Guid.NewGuid():N}"[..16] + ".com";
        var (_, shortUrl) = await CreateLinkAsync(url: $"https://{domain}/account");
        await ActedAsync(await ReportedAsync(shortUrl), "block-domain");

        var before = await host.WithDbAsync(db => db.Links.CountAsync(l => l.OwnerId == _owner.Id, Ct));
        foreach (var url in new[] { $"https://{domain}/account", $"https://{domain}/", $"https://www.{domain.ToUpperInvariant()}./pay", $"https://a.b.{domain}:8443/" })
        {
            var refused = await _owner.Client.CreateLinkAsync(new { url });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains($"is on the blocklist ({domain}", (await refused.ReadJsonAsync()).GetProperty("errors").GetProperty("url")[0].GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await host.WithDbAsync(db => db.Links.CountAsync(l => l.OwnerId == _owner.Id, Ct)));
        Assert.Equal(HttpStatusCode.Created, (await _owner.Client.CreateLinkAsync(new { url = $"https://not{domain}/" })).StatusCode);
    }

    [Fact]
    public async Task Actions_are_refused_with_a_problem_naming_the_field()
    {
        var (code, shortUrl) = await CreateLinkAsync();
        var id = await ReportedAsync(shortUrl);

        var unknown = await ActAsync(id, "delete-everything");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("dismiss, disable-link, block-domain, disable-owner",
            (await unknown.ReadJsonAsync()).GetProperty("errors").GetProperty("action")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await ActAsync(id, "dismiss", new string('n', 1001))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ActAsync(long.MaxValue, "dismiss")).StatusCode);

        var own = await ReportedAsync((await CreateLinkAsync(_admin)).Code);
        var self = await ActAsync(own, "disable-owner");
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Equal("action", (await self.ReadJsonAsync()).Str("field"));

        var badStatus = await _admin.Client.GetAsync("/api/v1/admin/reports?status=closed", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.True((await badStatus.ReadJsonAsync()).GetProperty("errors").TryGetProperty("status", out _));

        // Nothing was recorded and the report is still open.
        Assert.Equal("open", (await QueuedAsync(id)).Str("status"));
        Assert.Equal(HttpStatusCode.Found, await FollowAsync(code));

        // The queue is for admins only, and hidden from everyone else.
        Assert.Equal(HttpStatusCode.NotFound, (await _owner.Client.GetAsync("/api/v1/admin/reports", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _owner.Client.PostAsJsonAsync($"/api/v1/admin/reports/{id}/actions", new { action = "dismiss" }, ApiClient.Json, Ct)).StatusCode);
    }

    [Fact]
    public async Task The_queue_pages_newest_first()
    {
        var (code, _) = await CreateLinkAsync();
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await ReportedAsync(code, "other"));
        }

        var first = await (await _admin.Client.GetAsync("/api/v1/admin/reports?limit=2", Ct)).ReadJsonAsync();
        var page = first.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(new[] { ids[2], ids[1] }, page);
        var next = first.GetProperty("next").GetInt64();
        var second = await (await _admin.Client.GetAsync($"/api/v1/admin/reports?limit=2&after={next}", Ct)).ReadJsonAsync();
        Assert.Equal(ids[0], second.GetProperty("items")[0].GetProperty("id").GetInt64());
        Assert.Equal(3, second.GetProperty("items")[0].GetProperty("link").GetProperty("reportCount").GetInt32());
    }

    [Fact]
    public async Task More_reporters_than_the_threshold_put_the_link_behind_the_interstitial_until_dismissed()
    {
        var (code, shortUrl) = await CreateLinkAsync(url: "https://shop.example.org/deal?x=1");
        Assert.Equal(HttpStatusCode.Found, await FollowAsync(code)); // warm: L1 and Redis hold it
        var ip = AccountsTestKit.NewClientIp();
        var first = await ReportedAsync(shortUrl, ip: ip);
        await ReportedAsync(shortUrl, ip: ip);
        await ReportedAsync(code);

        // Two reporters are not more than two.
        Assert.Equal(HttpStatusCode.Found, await FollowAsync(code));
        await ReportedAsync(code, "scam");

        var queue = host.Services.GetRequiredService<ClickQueue>();
        var clicks = queue.Received;
        var page = await Visitor().GetAsync($"/{code}?utm=1", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Null(page.Headers.Location);
        Assert.Equal("no-store", string.Join(", ", page.Headers.NonValidated["Cache-Control"]));
        Assert.Equal("noindex", string.Join(", ", page.Headers.NonValidated["X-Robots-Tag"]));
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("You are leaving for <span class=\"host-name\">shop.example.org</span>", html, StringComparison.Ordinal);
        Assert.Contains("several visitors reported this link", html, StringComparison.Ordinal);
        Assert.Contains("<code>https://shop.example.org/deal?x=1</code>", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"button\" rel=\"noreferrer noopener nofollow\" href=\"https://shop.example.org/deal?x=1\">Continue to shop.example.org</a>",
            html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/report?code={code}\"", html, StringComparison.Ordinal);
        Assert.Equal(clicks + 1, queue.Received);

        var queued = await QueuedAsync(first);
        Assert.Equal("several visitors reported this link", queued.GetProperty("link").Str("warning"));

        await ActedAsync(first, "dismiss");
        Assert.Equal(HttpStatusCode.Found, await FollowAsync(code));
        Assert.Null(await host.WithDbAsync(db => db.Links.Where(l => l.Code == code).Select(l => l.Warning).SingleAsync(Ct)));
    }

    [Fact]
    public async Task A_warning_from_elsewhere_shows_the_interstitial_and_outlives_a_dismissal()
    {
        var (code, shortUrl) = await CreateLinkAsync(url: "https://xn--80ak6aa92e.com/login");
        Assert.Equal(HttpStatusCode.OK, await FollowAsync(code)); // the target policy flags the look-alike host
        await host.WithDbAsync(db => db.Links.Where(l => l.Code == code)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Warning, "the address looks like another one"), Ct));
        host.Services.GetRequiredService<Hop.Redirects.LinkCache>().Invalidate(code);

        var html = await Visitor().GetStringAsync($"/{code}", Ct);
        Assert.Contains("<span class=\"host-name\">xn--80ak6aa92e.com</span>", html, StringComparison.Ordinal);
        var unicode = new System.Globalization.IdnMapping().GetUnicode("xn--80ak6aa92e.com");
        Assert.NotEqual("xn--80ak6aa92e.com", unicode);
        Assert.Contains($"<code>{unicode}</code>", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("the address looks like another one", html, StringComparison.Ordinal);

        await ActedAsync(await ReportedAsync(shortUrl), "dismiss");
        Assert.Equal(HttpStatusCode.OK, await FollowAsync(code));
    }

    [Fact]
    public async Task A_protected_link_with_a_warning_asks_for_the_password_first_then_shows_the_interstitial()
    {
        var (code, _) = await CreateLinkAsync(url: "https://example.org/both");
        var hash = host.Services.GetRequiredService<PasswordHashing>().Hash("open sesame");
        await host.WithDbAsync(async db =>
        {
            var link = await db.Links.SingleAsync(l => l.Code == code, Ct);
            link.PasswordHash = hash;
            link.Warning = "several visitors reported this link";
            await db.SaveChangesAsync(Ct);
        });

        var browser = Visitor();
        var form = await browser.GetStringAsync($"/{code}", Ct);
        Assert.Contains("type=\"password\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("example.org/both", form, StringComparison.Ordinal);

        var clicks = host.Services.GetRequiredService<ClickQueue>().Received;
        var page = await browser.PostAsync($"/{code}", Form(TokenOf(form), ("password", "open sesame")), Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Null(page.Headers.Location);
        Assert.Contains("Continue to example.org", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(clicks + 1, host.Services.GetRequiredService<ClickQueue>().Received);
    }

    [Fact]
    public async Task The_info_page_offers_to_report_the_link()
    {
        var (code, _) = await CreateLinkAsync();
        var html = await Visitor().GetStringAsync($"/{code}+", Ct);
        Assert.Contains($"<a href=\"/report?code={code}\">Report this link</a>", html, StringComparison.Ordinal);
    }

    private static FormUrlEncodedContent Form(string? token, params (string Name, string Value)[] fields) =>
        new([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)),
            .. token is null ? Array.Empty<KeyValuePair<string, string>>() : [new("__RequestVerificationToken", token)]]);

    private static string TokenOf(string html)
    {
        var match = TokenField().Match(html);
        Assert.True(match.Success, "the form has an antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("reference <b>#([0-9]+)</b>")]
    private static partial Regex ReferenceOf();
}

public sealed class SqliteAbuseReportTests(HopHost<Sqlite, AbuseReporting> host)
    : AbuseReportTests(host), IClassFixture<HopHost<Sqlite, AbuseReporting>>;

public sealed class PostgresAbuseReportTests(HopHost<Postgres, AbuseReporting> host)
    : AbuseReportTests(host), IClassFixture<HopHost<Postgres, AbuseReporting>>;
