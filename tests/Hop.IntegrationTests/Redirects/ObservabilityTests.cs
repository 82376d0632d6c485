using System.Globalization;
using System.Net;
using Hop.IntegrationTests.Infrastructure;
using static Hop.IntegrationTests.Redirects.RedirectTestKit;

namespace Hop.IntegrationTests.Redirects;

/// <summary>/healthz, /readyz and /metrics through HTTP.</summary>
public abstract class ObservabilityTests(HopHost host)
{
    private readonly HttpClient _client = host.NoRedirects();

    /// <summary>/metrics answers loopback clients only.</summary>
    private readonly HttpClient _scraper = new(host.Server.CreateHandler(http => http.Connection.RemoteIpAddress = IPAddress.Loopback))
    {
        BaseAddress = host.Server.BaseAddress,
    };

    [Fact]
    public async Task Healthz_and_readyz_answer_200_with_a_reachable_database()
    {
        using var alive = await _client.GetAsync("/healthz", Ct);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.StartsWith("Healthy", await alive.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var ready = await _client.GetAsync("/readyz", Ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("database: Healthy", await ready.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_count_redirects_by_status_and_cache_hits()
    {
        var code = await _client.CreateAsync("https://example.com/metrics");
        var before = await ScrapeAsync();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("https://example.com/metrics", await _client.FollowAsync(code));
        }

        Assert.Equal("404", await _client.FollowAsync(NewAlias("nope")));
        Assert.Equal("404", await _client.FollowAsync("bad!code"));
        var after = await ScrapeAsync();

        // Other app instances in this test process share the meter names, so counts only grow by at least ours.
        Assert.True(Delta(before, after, "hop_redirects_total{", "status=\"302\"") >= 5);
        Assert.True(Delta(before, after, "hop_redirects_total{", "status=\"404\"") >= 2);
        Assert.True(Delta(before, after, "hop_cache_lookups_total{", "level=\"l1\"", "result=\"hit\"") >= 5);
        // ASP.NET Core's own meter is per host, and the exporter keeps one host's instrument when a test
        // process runs several (whichever host that is may never have served a redirect), so only the
        // presence of per-route histograms is checked here; bench/redirect.sh checks the redirect
        // route's series against a single process. The kept host may not have served a routed request
        // yet, so the check scrapes again (after another request of ours) until it has, for up to 10 s.
        if (!HasRouteHistogram(after))
        {
            await Poll.EventuallyAsync(async () =>
            {
                Assert.Equal("https://example.com/metrics", await _client.FollowAsync(code));
                after = await ScrapeAsync();
                return HasRouteHistogram(after);
            }, TimeSpan.FromSeconds(10));
        }

        Assert.Contains(after.Split('\n'), IsRouteHistogramLine);
    }

    private static bool HasRouteHistogram(string scrape) => scrape.Split('\n').Any(IsRouteHistogramLine);

    private static bool IsRouteHistogramLine(string line) =>
        line.StartsWith("http_server_request_duration_seconds_bucket{", StringComparison.Ordinal)
        && line.Contains("http_route=\"", StringComparison.Ordinal);

    private async Task<string> ScrapeAsync()
    {
        using var response = await _scraper.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    /// <summary>The change of the sum of every sample whose line starts with <paramref name="prefix"/> and has all <paramref name="labels"/>.</summary>
    private static double Delta(string before, string after, string prefix, params string[] labels) =>
        Sum(after, prefix, labels) - Sum(before, prefix, labels);

    private static double Sum(string scrape, string prefix, string[] labels) =>
        scrape.Split('\n')
            .Where(line => line.StartsWith(prefix, StringComparison.Ordinal) && labels.All(l => line.Contains(l, StringComparison.Ordinal)))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}

public sealed class SqliteObservabilityTests(HopHost<Sqlite, Defaults> host) : ObservabilityTests(host), IClassFixture<HopHost<Sqlite, Defaults>>;

public sealed class PostgresObservabilityTests(HopHost<Postgres, Defaults> host) : ObservabilityTests(host), IClassFixture<HopHost<Postgres, Defaults>>;

/// <summary>An instance whose database cannot be reached: alive, but not ready.</summary>
public abstract class UnreachableDatabaseTests(HopHost host)
{
    // Anonymous: a user with a key cannot be made in a database that cannot be reached.
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task Readyz_fails_while_healthz_still_answers()
    {
        using var alive = await _client.GetAsync("/healthz", Ct);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);

        using var ready = await _client.GetAsync("/readyz", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("database: Unhealthy", await ready.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}

public sealed class SqliteUnreachableDatabaseTests(HopHost<UnreachableSqlite, Defaults> host)
    : UnreachableDatabaseTests(host), IClassFixture<HopHost<UnreachableSqlite, Defaults>>;

public sealed class PostgresUnreachableDatabaseTests(HopHost<UnreachablePostgres, Defaults> host)
    : UnreachableDatabaseTests(host), IClassFixture<HopHost<UnreachablePostgres, Defaults>>;
