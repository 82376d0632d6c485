using System.Net;
using Hop.IntegrationTests.Infrastructure;
using Hop.Links;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Hop.IntegrationTests.Browser;

/// <summary>
/// The link page in the real browser: every field edited through the form and found stored, a rule that
/// sends phones elsewhere, a 70/30 split and a preview, errors shown at their fields with nothing stored,
/// a save that would overwrite someone else's change refused, disable/enable and delete with its
/// confirmation, the QR downloads, someone else's link as a 404, and user text rendered as text.
/// </summary>
public sealed class LinkPageInBrowserTests(LiveHost<Sqlite, Defaults> host, BrowserFixture browser) : IClassFixture<LiveHost<Sqlite, Defaults>>
{
    private const string IPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    private const string Android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36";
    private const string Desktop = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_field_edited_in_the_form_is_stored()
    {
        var (page, user) = await browser.NewSignedInPageAsync(host);
        var link = await CreateAsync(user, new { url = "https://example.com/start", title = "Start" });
        await page.GotoAsync($"/links/{link.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Start", Level = 1 })).ToBeVisibleAsync();
        await PageAudit.AssertGoodAsync(page, "link-page");

        await page.GetByLabel("Target URL").FillAsync("https://example.com/changed");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Changed title");
        await page.GetByLabel("Tags").FillAsync("spring, launch");
        await page.GetByLabel("Expires").FillAsync("2099-03-04T05:06");
        await page.GetByLabel("Maximum visits").FillAsync("500");
        await page.GetByLabel("Redirect type").SelectOptionAsync("308");
        await page.GetByLabel("Forward the visitor's query string").CheckAsync();
        await page.GetByLabel("Set a password").FillAsync("open sesame");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).First.ClickAsync();

        await Assertions.Expect(page.GetByText("Your changes are saved.")).ToBeVisibleAsync();
        var stored = await LinkAsync(link.Id);
        Assert.Equal("https://example.com/changed", stored.TargetUrl);
        Assert.Equal("Changed title", stored.Title);
        Assert.Equal(["spring", "launch"], stored.Tags);
        Assert.Equal(new DateTime(2099, 3, 4, 5, 6, 0, DateTimeKind.Utc), stored.ExpiresAt);
        Assert.Equal(500, stored.MaxVisits);
        Assert.Equal(308, stored.RedirectStatus);
        Assert.True(stored.ForwardQuery);
        Assert.NotNull(stored.PasswordHash);
        Assert.DoesNotContain("open sesame", await page.ContentAsync(), StringComparison.Ordinal);

        // The page shows what is stored, so saving again changes nothing; removing the password and the limits does.
        await Assertions.Expect(page.GetByLabel("Tags")).ToHaveValueAsync("spring, launch");
        await page.GetByLabel("Remove the password").CheckAsync();
        await page.GetByLabel("Expires").FillAsync("");
        await page.GetByLabel("Maximum visits").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).Last.ClickAsync();
        await Assertions.Expect(page.GetByText("Your changes are saved.")).ToBeVisibleAsync();
        stored = await LinkAsync(link.Id);
        Assert.Null(stored.PasswordHash);
        Assert.Null(stored.ExpiresAt);
        Assert.Null(stored.MaxVisits);
        Assert.Equal("Changed title", stored.Title);
    }

    [Fact]
    public async Task A_rule_added_in_the_form_sends_phones_to_the_mobile_target()
    {
        var (page, user) = await browser.NewSignedInPageAsync(host, width: 375);
        var link = await CreateAsync(user, new { url = "https://example.com/desktop" });
        using var visitor = Visitor();
        Assert.Equal("https://example.com/desktop", await WhereAsync(visitor, link.Code, IPhone));

        await page.GotoAsync($"/links/{link.Id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a rule" }).ClickAsync();
        await page.GetByLabel("Send to").FillAsync("https://m.example.com/");
        await page.GetByLabel("Operating system").FillAsync("iOS, Android");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).Last.ClickAsync();

        await Assertions.Expect(page.GetByText("Your changes are saved.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Operating system")).ToHaveValueAsync("ios, android");
        var rule = Assert.Single((await LinkAsync(link.Id)).Rules!);
        Assert.Equal(["ios", "android"], rule.Conditions!.Os);
        Assert.Equal("https://m.example.com/", rule.Url);
        Assert.Equal("https://m.example.com/", await WhereAsync(visitor, link.Code, IPhone));
        Assert.Equal("https://m.example.com/", await WhereAsync(visitor, link.Code, Android));
        Assert.Equal("https://example.com/desktop", await WhereAsync(visitor, link.Code, Desktop));
    }

    [Fact]
    public async Task Rules_are_moved_and_removed_and_a_split_and_a_preview_are_saved_and_shown()
    {
        var (page, user) = await browser.NewSignedInPageAsync(host);
        var link = await CreateAsync(user, new { url = "https://example.com/ab" });
        await page.GotoAsync($"/links/{link.Id}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add a rule" }).ClickAsync();
        await page.Locator("#rule-0-url").FillAsync("https://de.example.com/");
        await page.Locator("#rule-0-country").FillAsync("de, at");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a rule" }).ClickAsync();
        await Assertions.Expect(page.Locator("#rule-0-country")).ToHaveValueAsync("de, at");
        await page.Locator("#rule-1-url").FillAsync("https://m.example.com/");
        await page.Locator("#rule-1-device").FillAsync("mobile");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a rule" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Move rule 2 up" }).ClickAsync();
        await Assertions.Expect(page.Locator("#rule-0-device")).ToHaveValueAsync("mobile");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove rule 3" }).ClickAsync();
        await Assertions.Expect(page.Locator("#rule-2-url")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Add a variant" }).ClickAsync();
        await page.GetByLabel("Variant 1 URL").FillAsync("https://a.example.com/");
        await page.Locator("#variant-0-weight").FillAsync("70");
        await page.GetByLabel("Variant 2 URL").FillAsync("https://b.example.com/");
        await page.Locator("#variant-1-weight").FillAsync("30");
        await page.GetByLabel("Preview title").FillAsync("Our A/B test");
        await page.GetByLabel("Preview description").FillAsync("Which page works better?");
        await page.GetByLabel("Preview image URL").FillAsync("https://img.example.com/card.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).Last.ClickAsync();

        await Assertions.Expect(page.GetByText("Your changes are saved.")).ToBeVisibleAsync();
        var stored = await LinkAsync(link.Id);
        Assert.Equal(["https://m.example.com/", "https://de.example.com/"], stored.Rules!.Select(r => r.Url));
        Assert.Equal(["DE", "AT"], stored.Rules![1].Conditions!.Country);
        Assert.Equal([70, 30], stored.Variants!.Select(v => v.Weight ?? 0));
        Assert.Equal(("Our A/B test", "Which page works better?", "https://img.example.com/card.png"),
            (stored.PreviewTitle, stored.PreviewDescription, stored.PreviewImage));
        await Assertions.Expect(page.GetByText("Variant 1: 70%")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Variant 2: 30%")).ToBeVisibleAsync();
        await PageAudit.AssertGoodAsync(page, "link-page-rules");
    }

    [Fact]
    public async Task Invalid_rules_and_weights_are_shown_at_their_fields_and_nothing_is_stored()
    {
        var (page, user) = await browser.NewSignedInPageAsync(host);
        var link = await CreateAsync(user, new { url = "https://example.com/safe", title = "Safe" });
        await page.GotoAsync($"/links/{link.Id}");

        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Would be new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a rule" }).ClickAsync();
        await page.GetByLabel("Send to").FillAsync("http://127.0.0.1/");
        await page.GetByLabel("Operating system").FillAsync("ios, beos");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a variant" }).ClickAsync();
        await page.GetByLabel("Variant 1 URL").FillAsync("https://a.example.com/");
        await page.Locator("#variant-0-weight").FillAsync("150");
        await page.GetByLabel("Variant 2 URL").FillAsync("https://b.example.com/");
        await page.Locator("#variant-1-weight").FillAsync("30");
        await page.GetByLabel("Preview image URL").FillAsync("javascript:alert(1)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).Last.ClickAsync();

        await Assertions.Expect(page.GetByText("Nothing was saved.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#rules-0--url-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#rule-0-url")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#rule-0-url")).ToHaveAttributeAsync("aria-describedby", "rules-0--url-error");
        await Assertions.Expect(page.Locator("#rules-0--conditions-os-error")).ToContainTextAsync("beos");
        await Assertions.Expect(page.Locator("#variants-0--weight-error")).ToContainTextAsync("1 to 99");
        await Assertions.Expect(page.Locator("#variant-0-weight")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#preview-image-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".alert.error")).ToContainTextAsync("Rule 1, destination");
        // What was typed stays in the form, to be corrected.
        await Assertions.Expect(page.GetByLabel("Title", new() { Exact = true })).ToHaveValueAsync("Would be new");
        await Assertions.Expect(page.Locator("#variant-0-weight")).ToHaveValueAsync("150");
        await PageAudit.AssertGoodAsync(page, "link-page-errors");

        var stored = await LinkAsync(link.Id);
        Assert.Equal(("Safe", 1), (stored.Title, stored.Version));
        Assert.Null(stored.Rules);
        Assert.Null(stored.Variants);
        Assert.Null(stored.PreviewImage);
    }

    [Fact]
    public async Task A_save_over_a_change_made_elsewhere_is_refused_and_says_so()
    {
        var (page, user) = await browser.NewSignedInPageAsync(host);
        var link = await CreateAsync(user, new { url = "https://example.com/race", title = "First" });
        await page.GotoAsync($"/links/{link.Id}");

        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/links/{link.Code}")
        {
            Content = new StringContent("""{"title":"From the API"}""", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        using var api = Api(user);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(patch, Ct)).StatusCode);

        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("From the page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).First.ClickAsync();
        await Assertions.Expect(page.GetByText("This link was changed elsewhere since you opened this page")).ToBeVisibleAsync();
        Assert.Equal("From the API", (await LinkAsync(link.Id)).Title);
    }

    [Fact]
    public async Task A_link_is_disabled_enabled_and_deleted_after_a_confirmation()
    {
        var (page, user) = await browser.NewSignedInPageAsync(host);
        var link = await CreateAsync(user, new { url = "https://example.com/bye" });
        using var visitor = Visitor();
        await page.GotoAsync($"/links/{link.Id}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The link is disabled.")).ToBeVisibleAsync();
        Assert.Equal(LinkRules.DisabledByOwner, (await LinkAsync(link.Id)).DisabledReason);
        Assert.Equal("410", await WhereAsync(visitor, link.Code, Desktop));
        await page.GetByRole(AriaRole.Button, new() { Name = "Enable" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The link is enabled.")).ToBeVisibleAsync();
        Assert.Null((await LinkAsync(link.Id)).DisabledReason);
        Assert.Equal("https://example.com/bye", await WhereAsync(visitor, link.Code, Desktop));

        await page.GetByRole(AriaRole.Link, new() { Name = "Delete…" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Delete this link?" })).ToBeVisibleAsync();
        Assert.Null((await LinkAsync(link.Id)).DeletedAt);
        await PageAudit.AssertGoodAsync(page, "link-page-delete");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete for good" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Link deleted" })).ToBeVisibleAsync();
        Assert.NotNull((await LinkAsync(link.Id)).DeletedAt);
        Assert.Equal("410", await WhereAsync(visitor, link.Code, Desktop));
        var again = await page.GotoAsync($"/links/{link.Id}");
        Assert.Equal(410, again!.Status);
    }

    [Fact]
    public async Task The_qr_code_downloads_as_svg_and_png_with_a_file_name()
    {
        var (page, user) = await browser.NewSignedInPageAsync(host);
        var link = await CreateAsync(user, new { url = "https://example.com/qr" });
        await page.GotoAsync($"/links/{link.Id}");

        foreach (var (name, type) in new[] { ("SVG", "image/svg+xml"), ("PNG", "image/png") })
        {
            var anchor = page.GetByRole(AriaRole.Link, new() { Name = $"Download {name}" });
            var download = await page.RunAndWaitForDownloadAsync(() => anchor.ClickAsync());
            Assert.Equal($"hop-{link.Code}.{name.ToLowerInvariant()}", download.SuggestedFilename);
            var response = await page.APIRequest.GetAsync((await anchor.GetAttributeAsync("href"))!);
            Assert.Equal(200, response.Status);
            Assert.Equal(type, response.Headers["content-type"]);
        }
    }

    [Fact]
    public async Task Someone_elses_link_is_not_found()
    {
        var owner = await host.CreateUserAsync();
        var link = await CreateAsync(owner, new { url = "https://example.com/private" });
        var (page, _) = await browser.NewSignedInPageAsync(host);

        var response = await page.GotoAsync($"/links/{link.Id}");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Link not found" })).ToBeVisibleAsync();
        Assert.DoesNotContain("example.com/private", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(404, (await page.GotoAsync("/links/999999999"))!.Status);
    }

    [Fact]
    public async Task Markup_in_a_title_and_tags_renders_as_text()
    {
        var (page, user) = await browser.NewSignedInPageAsync(host);
        var link = await CreateAsync(user, new
        {
            url = "https://example.com/xss",
            title = "<script>alert('title')</script>",
            tags = new[] { "<img src=x onerror=alert('tag')>" },
        });
        var dialogs = 0;
        page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };

        await page.GotoAsync($"/links/{link.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "<script>alert('title')</script>" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Tags")).ToHaveValueAsync("<img src=x onerror=alert('tag')>");
        Assert.Equal(0, await page.Locator("main script, main img[src='x']").CountAsync());
        Assert.Equal(0, dialogs);
    }

    private async Task<(long Id, string Code)> CreateAsync(TestUser user, object body)
    {
        using var api = Api(user);
        using var response = await api.CreateLinkAsync(body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var code = (await response.ReadJsonAsync()).Str("code");
        var id = await host.WithDbAsync(db => db.Links.Where(l => l.Code == code).Select(l => l.Id).SingleAsync(Ct));
        return (id, code);
    }

    /// <summary>The API as the user's key calls it, on the live host's real port.</summary>
    private HttpClient Api(TestUser user)
    {
        var client = new HttpClient { BaseAddress = new Uri(host.Address) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user.ApiKey);
        return client;
    }

    /// <summary>A visitor of short links that does not follow redirects.</summary>
    private HttpClient Visitor() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(host.Address) };

    private Task<Link> LinkAsync(long id) => host.WithDbAsync(db => db.Links.AsNoTracking().SingleAsync(l => l.Id == id, Ct));

    /// <summary>Where a visit with <paramref name="agent"/> is sent (its Location), or its status when it is not a redirect.</summary>
    private static async Task<string> WhereAsync(HttpClient client, string code, string agent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{code}");
        request.Headers.TryAddWithoutValidation("User-Agent", agent);
        using var response = await client.SendAsync(request, Ct);
        return response.Headers.Location?.OriginalString ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
