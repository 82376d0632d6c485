using System.Net;
using System.Text.RegularExpressions;
using Hop.IntegrationTests.Infrastructure;
using Hop.IntegrationTests.Links;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hop.IntegrationTests.Pages;

/// <summary>
/// The report form (empty, with errors, sent), the interstitial, the info page and the gone page in
/// headless Chromium at a phone's width and a desktop's: nothing wider than the screen, every field
/// labelled, the tab order the reading order. Screenshots are kept in HOP_TEST_SCREENSHOTS (default
/// a directory under /tmp) for a person to look at. The layout does not depend on the database, so
/// this runs on SQLite only.
/// </summary>
public sealed partial class ReportPagesInChromiumTests(HopHost<Sqlite, Defaults> host) : IClassFixture<HopHost<Sqlite, Defaults>>
{
    private static readonly int[] Widths = [375, 1440];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_report_pages_and_the_interstitial_fit_both_widths_with_labels_and_a_sensible_tab_order()
    {
        var owner = await host.CreateUserAsync();
        var code = await owner.Client.CreateCodeAsync(new
        {
            url = "https://xn--80ak6aa92e.com/account/verify/session/7f3a9c2e41d84b0a9e55c1d2?return=%2Fpayments%2Fconfirm&lang=en-GB",
        });
        var gone = await owner.Client.CreateCodeAsync(new { url = "https://example.org/gone" });
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/links/{gone}", Ct)).StatusCode);
        await host.WithDbAsync(db => db.Links.Where(l => l.Code == code)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Warning, "several visitors reported this link"), Ct));
        host.Services.GetRequiredService<Hop.Redirects.LinkCache>().Invalidate(code);

        var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await browser.GetStringAsync($"/report?code={code}", Ct);
        var token = WebUtility.HtmlDecode(TokenField().Match(form).Groups[1].Value);
        var errors = await (await browser.PostAsync("/report", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("shortUrl", "https://elsewhere.example/x!"), new("contactEmail", "nope")]), Ct))
            .Content.ReadAsStringAsync(Ct);
        var sent = await (await browser.PostAsync("/report", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("shortUrl", code), new("reason", "phishing")]), Ct))
            .Content.ReadAsStringAsync(Ct);
        (string Name, string Html)[] pages =
        [
            ("report-form", form),
            ("report-errors", errors),
            ("report-sent", sent),
            ("interstitial", await browser.GetStringAsync($"/{code}", Ct)),
            ("info", await browser.GetStringAsync($"/{code}+", Ct)),
            ("gone", await (await browser.GetAsync($"/{gone}", Ct)).Content.ReadAsStringAsync(Ct)),
        ];
        var stylesheet = await browser.GetByteArrayAsync(StylesheetLink().Match(form).Groups[1].Value, Ct);

        using var work = new TempDirectory("hop-pages-");
        var shots = Environment.GetEnvironmentVariable("HOP_TEST_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "hop-report-screenshots");
        Directory.CreateDirectory(shots);
        foreach (var (name, html) in pages)
        {
            var page = HeadlessChromium.Save(work.Path, name, html, stylesheet);
            foreach (var width in Widths)
            {
                var png = await HeadlessChromium.ScreenshotAsync(page, width, 1000, Path.Combine(shots, $"{name}-{width}.png"));
                Assert.Equal(width, HeadlessChromium.PngWidth(png));

                var probe = await HeadlessChromium.ProbeAsync(page, width);
                Assert.True(probe.ScrollWidth <= probe.ClientWidth, $"{name} at {width} px is {probe.ScrollWidth} px wide");
                Assert.Empty(probe.Unlabeled);
                if (name is "report-form" or "report-errors")
                {
                    Assert.Equal(["shortUrl", "reason", "details", "contactEmail", "Send report"],
                        probe.TabOrder.Where(t => t != "Hop" && !t.StartsWith("The ", StringComparison.Ordinal) && !t.StartsWith("This ", StringComparison.Ordinal)
                            && !t.StartsWith("Choose", StringComparison.Ordinal) && !t.StartsWith("Enter", StringComparison.Ordinal)));
                }

                if (name == "interstitial")
                {
                    Assert.Equal(["Hop", "Continue to xn--80ak6aa92e.com", "Report this link"], probe.TabOrder);
                }
            }
        }
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"(/css/hop\\.[a-z0-9]+\\.css)\"")]
    private static partial Regex StylesheetLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
