using System.Net;
using System.Text;
using Hop.IntegrationTests.Infrastructure;

namespace Hop.IntegrationTests.Hosting;

/// <summary>One stats, export or import request at a time and none waiting (LoadShedding:Heavy = 1,
/// HeavyQueue = 0), so that one held open shows what the next gets.</summary>
public sealed class OneHeavyRequest : HostProfile
{
    internal override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("LoadShedding:Heavy", "1"),
        new("LoadShedding:HeavyQueue", "0"),
        new("LoadShedding:RetryAfterSeconds", "3"),
    ];
}

/// <summary>Beyond its limit an instance answers 503 with Retry-After at once, and redirects, the API and
/// the live feed go on while the heavy requests are at theirs.</summary>
public sealed class LoadSheddingTests(HopHost<Sqlite, OneHeavyRequest> host) : IClassFixture<HopHost<Sqlite, OneHeavyRequest>>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_heavy_request_past_the_limit_is_shed_with_retry_after_while_the_rest_is_answered()
    {
        var user = await host.CreateUserAsync();
        var code = (await (await user.Client.CreateLinkAsync(new { url = "https://example.com/shed" })).ReadJsonAsync()).Str("code");

        // An import whose body has not all arrived holds the one heavy slot.
        var body = new HeldBody("url\nhttps://example.com/imported-while-busy\n");
        var import = user.Client.PostAsync("/api/v1/links/import", body, Ct);
        await body.Started.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await WaitUntilAsync(async () => (await user.Client.GetAsync("/api/v1/stats", Ct)).StatusCode == HttpStatusCode.ServiceUnavailable);

        var shed = await user.Client.GetAsync($"/api/v1/links/{code}/stats", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, shed.StatusCode);
        Assert.Equal("3", shed.Headers.GetValues("Retry-After").Single());
        Assert.Equal("application/problem+json", shed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("try again in 3 seconds", await shed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // Redirects and the rest of the API are not held up by the heavy requests' limit.
        var visitor = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Found, (await visitor.GetAsync($"/{code}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync($"/api/v1/links/{code}", Ct)).StatusCode);

        // The import finishes, gives its slot back, and stats are answered again.
        body.Release();
        var imported = await import;
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync($"/api/v1/links/{code}/stats", Ct)).StatusCode);

        using var scraper = new HttpClient(host.Server.CreateHandler(http => http.Connection.RemoteIpAddress = IPAddress.Loopback))
        {
            BaseAddress = host.Server.BaseAddress,
        };
        var metrics = await scraper.GetStringAsync("/metrics", Ct);
        var heavy = metrics.Split('\n').Where(l => l.StartsWith("hop_requests_shed_total{", StringComparison.Ordinal) && l.Contains("class=\"heavy\"", StringComparison.Ordinal)).ToList();
        Assert.True(heavy.Count == 1 && double.Parse(heavy[0][(heavy[0].LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture) >= 1,
            string.Join('\n', metrics.Split('\n').Where(l => l.Contains("shed", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task A_person_at_a_page_gets_a_page_that_says_so()
    {
        var user = await host.CreateUserAsync();
        var body = new HeldBody("url\nhttps://example.com/page-while-busy\n");
        var import = user.Client.PostAsync("/api/v1/links/import", body, Ct);
        await body.Started.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        HttpResponseMessage? page = null;
        await WaitUntilAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/stats");
            page = await user.Client.SendAsync(request, Ct);
            return page.StatusCode == HttpStatusCode.ServiceUnavailable;
        });

        var shed = await host.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, "/stats") { Headers = { { "Accept", "text/html" } } }, Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, shed.StatusCode);
        Assert.Equal("text/html", shed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("try again in 3 seconds", await shed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        body.Release();
        Assert.True((await import).IsSuccessStatusCode);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50, Ct);
        }

        Assert.Fail("The condition did not hold within 15 s.");
    }

    /// <summary>A CSV body whose first line is sent at once and the rest only after <see cref="Release"/>.</summary>
    private sealed class HeldBody : HttpContent
    {
        private readonly string _csv;

        public HeldBody(string csv)
        {
            _csv = csv;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        }

        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _release.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var split = _csv.IndexOf('\n') + 1;
            await stream.WriteAsync(Encoding.UTF8.GetBytes(_csv[..split]));
            await stream.FlushAsync();
            Started.TrySetResult();
            await _release.Task;
            await stream.WriteAsync(Encoding.UTF8.GetBytes(_csv[split..]));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
