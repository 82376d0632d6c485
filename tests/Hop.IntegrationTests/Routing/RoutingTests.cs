using System.Net;
using System.Text.Json;
using Hop.IntegrationTests.Infrastructure;
using Hop.IntegrationTests.Links;
using Hop.IntegrationTests.Redirects;
using Hop.IntegrationTests.Safety;
using Hop.Redirects;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hop.IntegrationTests.Routing;

/// <summary>
/// Redirect rules, A/B variants and previews through HTTP: each visitor gets the target the link's rules
/// promise, a split follows its weights and sticks, unfurlers get the preview page, and every fault in a
/// request is reported at once with nothing stored.
/// </summary>
public abstract class RoutingTests(HopHost host) : IAsyncLifetime
{
    public const string IPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    public const string Android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36";
    public const string Desktop = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
    public const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0";

    private TestUser _owner = null!;

    public async ValueTask InitializeAsync() => _owner = await host.CreateUserAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Visitor() => host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    internal static HttpRequestMessage Visit(string code, string agent, string ip = "198.51.100.1", string? language = null, string? country = null, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/{code}{query}");
        request.Headers.TryAddWithoutValidation("User-Agent", agent);
        request.Headers.TryAddWithoutValidation(TestClientIp.IpHeader, ip);
        if (language is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", language);
        }

        if (country is not null)
        {
            request.Headers.TryAddWithoutValidation(RoutedVisits.CountryHeader, country);
        }

        return request;
    }

    /// <summary>Where the visit is sent (its Location), or its status when it is not a redirect.</summary>
    internal static async Task<string> WhereAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request, Ct);
        return response.Headers.Location?.OriginalString ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<string> CreateAsync(object body)
    {
        using var response = await _owner.Client.CreateLinkAsync(body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.ReadJsonAsync()).Str("code");
    }

    [Fact]
    public async Task Each_visitor_gets_the_target_the_rules_promise()
    {
        var now = host.Now;
        var code = await CreateAsync(new
        {
            url = "https://example.com/default",
            redirectStatus = 301,
            rules = new object[]
            {
                new { conditions = new { query = new Dictionary<string, string?> { ["beta"] = null, ["utm_source"] = "newsletter" } }, url = "https://beta.example.com/" },
                new { conditions = new { ip = new[] { "203.0.113.0/24", "2001:db8::/32" } }, url = "https://office.example.com/" },
                new { conditions = new { country = new[] { "DE", "AT" }, language = new[] { "de" } }, url = "https://example.de/" },
                new { conditions = new { device = new[] { "mobile", "tablet" }, os = new[] { "ios" } }, url = "https://apps.apple.com/app/id1" },
                new { conditions = new { os = new[] { "android" } }, url = "https://play.google.com/store/apps/details?id=x" },
                new { conditions = new { browser = new[] { "Firefox" }, os = new[] { "linux" } }, url = "https://firefox.example.com/" },
                new { conditions = new { after = now.AddHours(1), before = now.AddHours(2) }, url = "https://window.example.com/" },
            },
        });

        var visitor = Visitor();
        Assert.Equal("https://apps.apple.com/app/id1", await WhereAsync(visitor, Visit(code, IPhone)));
        Assert.Equal("https://play.google.com/store/apps/details?id=x", await WhereAsync(visitor, Visit(code, Android)));
        Assert.Equal("https://example.com/default", await WhereAsync(visitor, Visit(code, Desktop)));
        Assert.Equal("https://firefox.example.com/", await WhereAsync(visitor, Visit(code, Firefox)));
        Assert.Equal("https://office.example.com/", await WhereAsync(visitor, Visit(code, IPhone, ip: "203.0.113.77")));
        Assert.Equal("https://office.example.com/", await WhereAsync(visitor, Visit(code, Desktop, ip: "2001:db8:1::9")));
        Assert.Equal("https://example.de/", await WhereAsync(visitor, Visit(code, IPhone, language: "fr;q=0.5, de-CH;q=0.9, en;q=0.8", country: "AT")));
        Assert.Equal("https://apps.apple.com/app/id1", await WhereAsync(visitor, Visit(code, IPhone, language: "de;q=0, en", country: "DE")));
        Assert.Equal("https://example.com/default", await WhereAsync(visitor, Visit(code, Desktop, language: "de", country: "FR")));
        Assert.Equal("https://beta.example.com/", await WhereAsync(visitor, Visit(code, IPhone, query: "?utm_source=newsletter&beta")));
        Assert.Equal("https://apps.apple.com/app/id1", await WhereAsync(visitor, Visit(code, IPhone, query: "?utm_source=other&beta")));

        host.Clock.Advance(TimeSpan.FromMinutes(90));
        Assert.Equal("https://window.example.com/", await WhereAsync(visitor, Visit(code, Desktop)));
        host.Clock.Advance(TimeSpan.FromMinutes(40));
        Assert.Equal("https://example.com/default", await WhereAsync(visitor, Visit(code, Desktop)));

        // The answer depends on the visitor, so even a 301 is never cached by anyone else.
        using var response = await visitor.SendAsync(Visit(code, Desktop), Ct);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("private, max-age=0", string.Join(", ", response.Headers.NonValidated["Cache-Control"]));
    }

    [Fact]
    public async Task A_rule_or_variant_target_gets_the_visitors_query_when_the_link_forwards_it()
    {
        var code = await CreateAsync(new
        {
            url = "https://example.com/default",
            forwardQuery = true,
            rules = new[] { new { conditions = new { os = new[] { "ios" } }, url = "https://apps.example.com/x?ref=hop" } },
            variants = new[] { new { url = "https://a.example.com/", weight = 50 }, new { url = "https://b.example.com/", weight = 50 } },
        });

        Assert.Equal("https://apps.example.com/x?ref=hop&utm_source=mail", await WhereAsync(Visitor(), Visit(code, IPhone, query: "?utm_source=mail")));
        Assert.Matches("^https://[ab]\\.example\\.com/\\?utm_source=mail$", await WhereAsync(Visitor(), Visit(code, Desktop, query: "?utm_source=mail")));
    }

    [Fact]
    public async Task A_protected_link_routes_the_visitor_once_the_password_is_right()
    {
        var code = await CreateAsync(new
        {
            url = "https://example.com/default",
            password = "correct horse",
            rules = new[] { new { conditions = new { os = new[] { "ios" } }, url = "https://apps.example.com/" } },
            preview = new { title = "Hidden behind a password" },
        });
        var visitor = Visitor();
        visitor.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", IPhone);

        var form = await (await visitor.GetAsync($"/{code}", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("type=\"password\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("apps.example.com", form, StringComparison.Ordinal);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var right = await visitor.PostAsync($"/{code}", new FormUrlEncodedContent([new("__RequestVerificationToken", WebUtility.HtmlDecode(token)), new("password", "correct horse")]), Ct);
        Assert.Equal(HttpStatusCode.SeeOther, right.StatusCode);
        Assert.Equal("https://apps.example.com/", right.Headers.Location?.OriginalString);

        var slack = await Visitor().SendAsync(Visit(code, "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"), Ct);
        Assert.DoesNotContain("og:title", await slack.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ten_thousand_visitors_split_70_30_within_two_percent_and_each_keeps_their_variant()
    {
        var code = await CreateAsync(new
        {
            url = "https://example.com/default",
            variants = new[] { new { url = "https://a.example.com/", weight = 70 }, new { url = "https://b.example.com/", weight = 30 } },
        });

        var seen = new string[10_000];
        var visitor = Visitor();
        await Parallel.ForEachAsync(Enumerable.Range(0, seen.Length), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (i, _) =>
            seen[i] = await WhereAsync(visitor, Visit(code, $"{Desktop} visitor/{i % 500}", $"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}")));

        var a = seen.Count(s => s == "https://a.example.com/");
        Assert.Equal(seen.Length, a + seen.Count(s => s == "https://b.example.com/"));
        Assert.InRange(a, 6800, 7200);
        for (var i = 0; i < seen.Length; i += 37)
        {
            Assert.Equal(seen[i], await WhereAsync(visitor, Visit(code, $"{Desktop} visitor/{i % 500}", $"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}")));
        }

        host.Clock.Advance(TimeSpan.FromDays(2));
        host.Cache().Invalidate(code);
        Assert.Equal(seen[42], await WhereAsync(visitor, Visit(code, $"{Desktop} visitor/42", "10.0.0.42")));
    }

    [Theory]
    [InlineData("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)")]
    [InlineData("Twitterbot/1.0")]
    [InlineData("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)")]
    [InlineData("Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)")]
    public async Task A_link_unfurler_gets_the_preview_page_and_a_browser_the_redirect(string unfurler)
    {
        var code = await CreateAsync(new
        {
            url = "https://example.com/launch",
            rules = new[] { new { conditions = new { os = new[] { "ios" } }, url = "https://apps.example.com/" } },
            preview = new { title = "Our <launch> & more", description = "What is \"new\"", image = "https://cdn.example.com/card.png" },
        });

        using var page = await Visitor().SendAsync(Visit(code, unfurler), Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<meta property=\"og:title\" content=\"Our &lt;launch&gt; &amp; more\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:description\" content=\"What is &quot;new&quot;\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:image\" content=\"https://cdn.example.com/card.png\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:url\" content=\"https://example.com/launch\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"twitter:card\" content=\"summary_large_image\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<launch>", html, StringComparison.Ordinal);
        Assert.Equal("private, max-age=300", string.Join(", ", page.Headers.NonValidated["Cache-Control"]));

        Assert.Equal("https://example.com/launch", await WhereAsync(Visitor(), Visit(code, Desktop)));
        Assert.Equal("https://apps.example.com/", await WhereAsync(Visitor(), Visit(code, IPhone)));

        var plain = await CreateAsync(new { url = "https://example.com/plain", preview = new { title = "Plain" } });
        var summary = await (await Visitor().SendAsync(Visit(plain, unfurler), Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("<meta name=\"twitter:card\" content=\"summary\">", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("og:image", summary, StringComparison.Ordinal);
        var noPreview = await CreateAsync(new { url = "https://example.com/none" });
        Assert.Equal("https://example.com/none", await WhereAsync(Visitor(), Visit(noPreview, unfurler)));
    }

    [Fact]
    public async Task Every_fault_in_rules_variants_and_preview_is_reported_at_once_and_nothing_is_stored()
    {
        var before = await host.WithDbAsync(db => db.Links.CountAsync(l => l.OwnerId == _owner.Id, Ct));
        using var response = await _owner.Client.CreateLinkAsync(new
        {
            url = "https://example.com/",
            rules = new object[]
            {
                new { conditions = new { os = new[] { "ios" } }, url = "https://fine.example.com/" },
                new { conditions = new { os = new[] { "beos" }, country = new[] { "Germany" } }, url = "https://fine.example.com/" },
                new { conditions = new { device = new[] { "mobile" } }, url = "http://127.0.0.1/admin" },
                new { conditions = new { }, url = "https://fine.example.com/" },
            },
            variants = new[] { new { url = "https://a.example.com/", weight = 60 }, new { url = "https://b.example.com/", weight = 100 } },
            preview = new { image = "http://[::1]/card.png" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Equal(
            ["preview.image", "rules[1].conditions.country", "rules[1].conditions.os", "rules[2].url", "rules[3].conditions", "variants[1].weight"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(before, await host.WithDbAsync(db => db.Links.CountAsync(l => l.OwnerId == _owner.Id, Ct)));

        using var sum = await _owner.Client.CreateLinkAsync(new
        {
            url = "https://example.com/",
            variants = new[] { new { url = "https://a.example.com/", weight = 60 }, new { url = "https://b.example.com/", weight = 30 } },
        });
        Assert.Contains("must sum to 100", (await sum.ReadJsonAsync()).GetProperty("errors").GetProperty("variants")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hostile_rule_url_variant_url_or_preview_image_is_refused_on_create_patch_and_batch()
    {
        var failures = new List<string>();
        var code = await CreateAsync(new { url = "https://example.com/kept" });
        foreach (var hostile in new[] { "http://127.0.0.1/", "http://[::1]/x", "http://0x7f.1/" })
        {
            var rules = new[] { new { conditions = new { os = new[] { "ios" } }, url = hostile } };
            var variants = new[] { new { url = "https://a.example.com/", weight = 50 }, new { url = hostile, weight = 50 } };
            var preview = new { image = hostile };
            await Refusals.ExpectAsync(failures, "create rules", hostile, await _owner.Client.CreateLinkAsync(new { url = "https://example.com/", rules }), "rules[0].url", "loopback");
            await Refusals.ExpectAsync(failures, "create variants", hostile, await _owner.Client.CreateLinkAsync(new { url = "https://example.com/", variants }), "variants[1].url", "loopback");
            await Refusals.ExpectAsync(failures, "create preview", hostile, await _owner.Client.CreateLinkAsync(new { url = "https://example.com/", preview }), "preview.image", "loopback");
            await Refusals.ExpectAsync(failures, "patch rules", hostile, await _owner.Client.PatchLinkAsync(code, JsonSerializer.Serialize(new { rules }, ApiClient.Json)), "rules[0].url", "loopback");
            await Refusals.ExpectAsync(failures, "patch variants", hostile, await _owner.Client.PatchLinkAsync(code, JsonSerializer.Serialize(new { variants }, ApiClient.Json)), "variants[1].url", "loopback");
            await Refusals.ExpectAsync(failures, "patch preview", hostile, await _owner.Client.PatchLinkAsync(code, JsonSerializer.Serialize(new { preview }, ApiClient.Json)), "preview.image", "loopback");

            var batch = await (await _owner.Client.PostRawAsync("/api/v1/links/batch", JsonSerializer.Serialize(new { items = new[] { new { url = "https://example.com/", rules } } }, ApiClient.Json))).ReadJsonAsync();
            if (batch.GetProperty("created").GetInt32() != 0
                || !batch.GetProperty("items")[0].GetProperty("problem").GetProperty("errors").TryGetProperty("rules[0].url", out _))
            {
                failures.Add($"batch {hostile}: {batch}");
            }
        }

        Assert.Empty(failures);
        Assert.Equal("https://example.com/kept", await WhereAsync(Visitor(), Visit(code, IPhone)));
    }

    [Fact]
    public async Task A_merge_patch_replaces_rules_and_variants_removes_them_with_null_and_merges_the_preview()
    {
        var code = await CreateAsync(new
        {
            url = "https://example.com/default",
            rules = new[] { new { conditions = new { os = new[] { "ios" } }, url = "https://apps.example.com/" } },
            variants = new[] { new { url = "https://a.example.com/", weight = 50 }, new { url = "https://b.example.com/", weight = 50 } },
            preview = new { title = "T", description = "D", image = "https://cdn.example.com/i.png" },
        });
        Assert.Equal("https://apps.example.com/", await WhereAsync(Visitor(), Visit(code, IPhone)));
        var info = await (await Visitor().GetAsync($"/{code}+", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("1 redirect rule may send visitors elsewhere; visitors are split between 2 targets", info, StringComparison.Ordinal);

        using var replaced = await _owner.Client.PatchLinkAsync(code, """
            {"rules": [{"conditions": {"os": ["android"]}, "url": "https://play.example.com/"}], "preview": {"title": "New", "image": null}}
            """);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var body = await replaced.ReadJsonAsync();
        Assert.Equal("https://play.example.com/", Assert.Single(body.GetProperty("rules").EnumerateArray()).Str("url"));
        Assert.Equal(2, body.GetProperty("variants").GetArrayLength());
        Assert.Equal("New", body.GetProperty("preview").Str("title"));
        Assert.Equal("D", body.GetProperty("preview").Str("description"));
        Assert.True(IsNone(body.GetProperty("preview"), "image"));
        Assert.Matches("^https://[ab]\\.example\\.com/$", await WhereAsync(Visitor(), Visit(code, IPhone)));
        Assert.Equal("https://play.example.com/", await WhereAsync(Visitor(), Visit(code, Android)));

        using var removed = await _owner.Client.PatchLinkAsync(code, """{"rules": null, "variants": null, "preview": null}""");
        var cleared = await removed.ReadJsonAsync();
        Assert.True(IsNone(cleared, "rules"));
        Assert.True(IsNone(cleared, "variants"));
        Assert.True(IsNone(cleared, "preview"));
        Assert.Equal("https://example.com/default", await WhereAsync(Visitor(), Visit(code, Android)));
        var stored = await host.WithDbAsync(db => db.Links.AsNoTracking().SingleAsync(l => l.Code == code, Ct));
        Assert.Null(stored.Rules);
        Assert.Null(stored.Preview);
        Assert.False((await host.Services.GetRequiredService<LinkCache>().GetOrLoadAsync(new LinkKey(Hop.Domains.Domain.DefaultId, code), Ct))!.IsRouted);
    }

    [Fact]
    public async Task A_condition_or_member_Hop_does_not_know_is_refused_rather_than_ignored()
    {
        using var response = await _owner.Client.CreateLinkAsync(new
        {
            url = "https://example.com/default",
            rules = new object[] { new { conditions = new { platform = new[] { "ios" } }, url = "https://example.com/app" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Contains(errors.EnumerateObject(), e => e.Name.StartsWith("rules[0].conditions", StringComparison.Ordinal));

        var code = await CreateAsync(new { url = "https://example.com/default" });
        using var patched = await _owner.Client.PatchLinkAsync(code, """{"variants": [{"url": "https://example.com/a", "weight": 50, "share": 1}, {"url": "https://example.com/b", "weight": 50}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, patched.StatusCode);
        Assert.True((await patched.ReadJsonAsync()).GetProperty("errors").TryGetProperty("variants", out _));
    }

    [Fact]
    public async Task A_rule_or_variant_whose_destination_is_blocked_later_is_passed_over()
    {
        var (ruleDomain, variantDomain) = (BlocklistTestKit.NewDomain("rule"), BlocklistTestKit.NewDomain("variant"));
        var code = await CreateAsync(new
        {
            url = "https://example.com/default",
            rules = new object[] { new { conditions = new { os = new[] { "ios" } }, url = $"https://{ruleDomain}/app" } },
            variants = new object[] { new { url = $"https://{variantDomain}/a", weight = 50 }, new { url = "https://example.com/b", weight = 50 } },
        });
        Assert.Equal($"https://{ruleDomain}/app", await WhereAsync(Visitor(), Visit(code, IPhone)));
        var before = new List<string>();
        for (var i = 1; i <= 40; i++)
        {
            before.Add(await WhereAsync(Visitor(), Visit(code, Desktop, ip: $"198.51.100.{i}")));
        }

        Assert.Contains($"https://{variantDomain}/a", before);

        var admin = await host.CreateUserAsync(Hop.Accounts.Roles.Admin);
        await admin.Client.BlockAsync(ruleDomain);
        await admin.Client.BlockAsync(variantDomain);

        // The link's own target is fine, so the link stays up; its blocked destinations are never served.
        Assert.Equal("https://example.com/b", await WhereAsync(Visitor(), Visit(code, Desktop, ip: $"198.51.100.{before.IndexOf("https://example.com/b") + 1}")));
        for (var i = 1; i <= 40; i++)
        {
            var expected = before[i - 1] == "https://example.com/b" ? "https://example.com/b" : "https://example.com/default";
            Assert.Equal(expected, await WhereAsync(Visitor(), Visit(code, Desktop, ip: $"198.51.100.{i}")));
        }

        Assert.DoesNotContain(ruleDomain, await WhereAsync(Visitor(), Visit(code, IPhone)), StringComparison.Ordinal);
    }

    private static bool IsNone(System.Text.Json.JsonElement json, string member) =>
        !json.TryGetProperty(member, out var value) || value.ValueKind == System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task Csv_export_and_import_carry_rules_variants_and_preview()
    {
        var user = await host.CreateUserAsync();
        var rules = """[{"conditions":{"os":["ios"]},"url":"https://apps.example.com/"}]""";
        var variants = """[{"url":"https://a.example.com/","weight":70},{"url":"https://b.example.com/","weight":30}]""";
        var csv = "url,alias,rules,variants,preview_title,preview_description,preview_image\n"
            + $"https://example.com/csv,,\"{rules.Replace("\"", "\"\"", StringComparison.Ordinal)}\",\"{variants.Replace("\"", "\"\"", StringComparison.Ordinal)}\",Card,Desc,https://cdn.example.com/c.png\n"
            + "https://example.com/bad,,\"[{\"\"conditions\"\":{\"\"os\"\":[\"\"beos\"\"]},\"\"url\"\":\"\"https://x.example.com/\"\"}]\",,,,\n";
        var import = await (await user.Client.PostRawAsync("/api/v1/links/import", csv, contentType: "text/csv")).ReadJsonAsync();
        Assert.Equal(1, import.GetProperty("created").GetInt32());
        Assert.True(import.GetProperty("items")[1].GetProperty("problem").GetProperty("errors").TryGetProperty("rules[0].conditions.os", out _));
        var code = import.GetProperty("items")[0].GetProperty("link").Str("code");
        Assert.Equal("https://apps.example.com/", await WhereAsync(Visitor(), Visit(code, IPhone)));

        var export = await (await user.Client.GetAsync("/api/v1/links/export", Ct)).Content.ReadAsStringAsync(Ct);
        var lines = export.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("code,url,title,tags,expiresAt,createdAt,state,domain,rules,variants,preview_title,preview_description,preview_image", lines[0].TrimEnd('\r'));
        Assert.Contains(rules.Replace("\"", "\"\"", StringComparison.Ordinal), lines[1], StringComparison.Ordinal);
        Assert.Contains(variants.Replace("\"", "\"\"", StringComparison.Ordinal), lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",Card,Desc,https://cdn.example.com/c.png", lines[1].TrimEnd('\r'), StringComparison.Ordinal);
    }
}

public sealed class SqliteRoutingTests(HopHost<Sqlite, RoutedVisits> host)
    : RoutingTests(host), IClassFixture<HopHost<Sqlite, RoutedVisits>>;

public sealed class PostgresRoutingTests(HopHost<Postgres, RoutedVisits> host)
    : RoutingTests(host), IClassFixture<HopHost<Postgres, RoutedVisits>>;
