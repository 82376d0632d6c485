using System.Net;
using System.Net.Sockets;
using Hop.IntegrationTests.Infrastructure;

namespace Hop.IntegrationTests.Security;

/// <summary>/metrics answers only allowed networks, by the connection's address as trusted proxies forward it, and only on the management address when there is one.</summary>
public sealed class MetricsAccessTests(HopHost<Sqlite, Defaults> host) : IClassFixture<HopHost<Sqlite, Defaults>>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Loopback_is_allowed_by_default_and_nobody_else()
    {
        await AssertScrapedAsync(host, "127.0.0.1");
        await AssertScrapedAsync(host, "127.9.9.9");
        await AssertScrapedAsync(host, "::1");
        await AssertScrapedAsync(host, "::ffff:127.0.0.1");
        await AssertHiddenAsync(host, "203.0.113.9");
        await AssertHiddenAsync(host, "10.0.0.1");
        // No trusted proxy is configured, so nobody's X-Forwarded-For is believed.
        await AssertHiddenAsync(host, "203.0.113.9", forwardedFor: "127.0.0.1");
        // No address at all (no network peer) is not loopback either.
        using var response = await host.CreateClient().GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Configured_networks_replace_loopback_and_only_a_trusted_proxy_speaks_for_a_client()
    {
        await using var own = await HopHost.StartAsync(Hop.Data.DatabaseProvider.Sqlite, new MetricsNetworks());
        await AssertScrapedAsync(own, "127.0.0.1");
        await AssertHiddenAsync(own, "127.0.0.2");
        await AssertHiddenAsync(own, "::1");
        await AssertScrapedAsync(own, "10.0.0.1", forwardedFor: "127.0.0.1");
        await AssertHiddenAsync(own, "10.0.0.1", forwardedFor: "203.0.113.9");
        await AssertHiddenAsync(own, "127.0.0.2", forwardedFor: "127.0.0.1");
    }

    [Fact]
    public async Task With_a_management_address_metrics_are_served_there_only()
    {
        using var directory = new TempDirectory("hop-management-");
        var (publicPort, managementPort) = (FreePort(), FreePort());
        var environment = new Dictionary<string, string>
        {
            ["HOP__DATABASE__CONNECTIONSTRING"] = $"Data Source={Path.Combine(directory.Path, "hop.db")}",
            ["HOP__OBSERVABILITY__MANAGEMENTURLS"] = $"http://127.0.0.1:{managementPort}",
        };
        using var process = System.Diagnostics.Process.Start(HopProcess.StartInfo(directory.Path, environment, "serve", "--urls", $"http://127.0.0.1:{publicPort}"))!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var errors = process.StandardError.ReadToEndAsync(Ct);
        try
        {
            using var client = new HttpClient();
            await Poll.UntilAsync(async () =>
            {
                try
                {
                    return (await client.GetAsync($"http://127.0.0.1:{managementPort}/healthz", Ct)).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return !process.HasExited ? false : throw new InvalidOperationException($"hop exited: {await output}{await errors}");
                }
            }, "hop listens on its management address", TimeSpan.FromSeconds(60));

            using var onPublic = await client.GetAsync($"http://127.0.0.1:{publicPort}/metrics", Ct);
            Assert.Equal(HttpStatusCode.NotFound, onPublic.StatusCode);
            using var onManagement = await client.GetAsync($"http://127.0.0.1:{managementPort}/metrics", Ct);
            Assert.Equal(HttpStatusCode.OK, onManagement.StatusCode);
            Assert.Contains("# TYPE ", await onManagement.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"http://127.0.0.1:{publicPort}/healthz", Ct)).StatusCode);
            // The Host header names the management address; the connection does not come through it.
            using var spoofed = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{publicPort}/metrics");
            spoofed.Headers.Host = $"127.0.0.1:{managementPort}";
            Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(spoofed, Ct)).StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task AssertScrapedAsync(HopHost app, string clientIp, string? forwardedFor = null)
    {
        using var response = await ScrapeAsync(app, clientIp, forwardedFor);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{clientIp} (for {forwardedFor}): {response.StatusCode}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("# TYPE ", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static async Task AssertHiddenAsync(HopHost app, string clientIp, string? forwardedFor = null)
    {
        using var response = await ScrapeAsync(app, clientIp, forwardedFor);
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{clientIp} (for {forwardedFor}): {response.StatusCode}");
        Assert.DoesNotContain("# TYPE ", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> ScrapeAsync(HopHost app, string clientIp, string? forwardedFor)
    {
        var address = IPAddress.Parse(clientIp);
        using var client = new HttpClient(app.Server.CreateHandler(http => http.Connection.RemoteIpAddress = address)) { BaseAddress = app.Server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await client.SendAsync(request, Ct);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
