using System.Net;
using Hop.Hosting;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hop.IntegrationTests.Hosting;

/// <summary>One stats, export or import request at a time and none waiting (LoadShedding:Heavy = 1,
/// HeavyQueue = 0), so that a slot held by the test shows what the next request gets.</summary>
public sealed class OneHeavyRequest : HostProfile
{
    internal override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("LoadShedding:Heavy", "1"),
        new("LoadShedding:HeavyQueue", "0"),
        new("LoadShedding:RetryAfterSeconds", "3"),
    ];
}

/// <summary>Beyond its limit an instance answers 503 with Retry-After at once, and redirects and the rest
/// of the API go on while the heavy requests are at theirs.</summary>
public sealed class LoadSheddingTests(HopHost<Sqlite, OneHeavyRequest> host) : IClassFixture<HopHost<Sqlite, OneHeavyRequest>>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_heavy_request_past_the_limit_is_shed_with_retry_after_while_the_rest_is_answered()
    {
        var user = await host.CreateUserAsync();
        var code = (await (await user.Client.CreateLinkAsync(new { url = "https://example.com/shed" })).ReadJsonAsync()).Str("code");
        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync($"/api/v1/links/{code}/stats", Ct)).StatusCode);

        using (var held = host.Services.GetRequiredService<LoadShedding>().TryTakeHeavy())
        {
            Assert.True(held.IsAcquired);
            var shed = await user.Client.GetAsync($"/api/v1/links/{code}/stats", Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, shed.StatusCode);
            Assert.Equal("3", shed.Headers.GetValues("Retry-After").Single());
            Assert.Equal("application/problem+json", shed.Content.Headers.ContentType?.MediaType);
            Assert.Contains("try again in 3 seconds", await shed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await user.Client.GetAsync("/api/v1/stats", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await user.Client.GetAsync("/api/v1/links/export", Ct)).StatusCode);

            // Redirects and the rest of the API are not held up by the heavy requests' limit.
            var visitor = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            Assert.Equal(HttpStatusCode.Found, (await visitor.GetAsync($"/{code}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync($"/api/v1/links/{code}", Ct)).StatusCode);
        }

        // The slot given back, stats are answered again.
        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync($"/api/v1/links/{code}/stats", Ct)).StatusCode);

        using var scraper = new HttpClient(host.Server.CreateHandler(http => http.Connection.RemoteIpAddress = IPAddress.Loopback))
        {
            BaseAddress = host.Server.BaseAddress,
        };
        var metrics = await scraper.GetStringAsync("/metrics", Ct);
        var heavy = metrics.Split('\n').Where(l => l.StartsWith("hop_requests_shed_total{", StringComparison.Ordinal) && l.Contains("class=\"heavy\"", StringComparison.Ordinal)).ToList();
        Assert.True(heavy.Count == 1 && double.Parse(heavy[0][(heavy[0].LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture) >= 3,
            string.Join('\n', metrics.Split('\n').Where(l => l.Contains("shed", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task A_person_at_a_page_gets_a_page_that_says_so()
    {
        using var held = host.Services.GetRequiredService<LoadShedding>().TryTakeHeavy();
        Assert.True(held.IsAcquired);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/stats");
        request.Headers.Accept.ParseAdd("text/html");
        var shed = await host.CreateClient().SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, shed.StatusCode);
        Assert.Equal("text/html", shed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("try again in 3 seconds", await shed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
