using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Hop.Benchmarks;

/// <summary>
/// <c>stats --base URL --code CODE --expect FILE [--requests N] [--seconds S] [--timeout S]</c>, with the API
/// keys in HOP_BENCH_ONE_KEY (the big link's owner), HOP_BENCH_USER_KEY (the owner of the many links) and
/// HOP_BENCH_ADMIN_KEY: times the stats API one request at a time: the big link's stats over 90 days by day
/// and over the last 48 hours by hour, and the overview of the user and of the admin over 30 and 90 days.
/// Each gets one cold request, a few warm-up ones, then N (at most S seconds), and is reported with p50/p95
/// of the server's own time (its Server-Timing header) and of the wall time, beside <c>/healthz</c> measured
/// in the same run. The first answer's total (and unique visitors) is checked against what the seeder wrote
/// to FILE. Exits 1 when a total differs, a request fails, or a target is missed (server p95 under 50 ms for
/// one link, 500 ms account-wide).
/// </summary>
internal static partial class StatsTimer
{
    private const int Warmup = 3;
    private const double LinkTarget = 50;
    private const double AccountTarget = 500;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        var keys = new[] { "HOP_BENCH_ONE_KEY", "HOP_BENCH_USER_KEY", "HOP_BENCH_ADMIN_KEY" }.Select(Environment.GetEnvironmentVariable).ToArray();
        if (!options.TryGetValue("base", out var address) || !options.TryGetValue("code", out var code)
            || !options.TryGetValue("expect", out var expectFile) || keys.Any(string.IsNullOrEmpty))
        {
            await Console.Error.WriteLineAsync(
                "usage: HOP_BENCH_ONE_KEY=… HOP_BENCH_USER_KEY=… HOP_BENCH_ADMIN_KEY=… stats --base URL --code CODE --expect FILE [--requests N] [--seconds S] [--timeout S]");
            return 2;
        }

        var requests = int.Parse(options.GetValueOrDefault("requests", "40"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(options.GetValueOrDefault("seconds", "60"), CultureInfo.InvariantCulture);
        var timeout = double.Parse(options.GetValueOrDefault("timeout", "300"), CultureInfo.InvariantCulture);
        // "NAME TOTAL VISITORS [FROM TO]": VISITORS -1 when not checked; FROM and TO bound an hourly window.
        var expected = (await File.ReadAllLinesAsync(expectFile))
            .Select(l => l.Split(' ')).ToDictionary(p => p[0], p => (
                Total: long.Parse(p[1], CultureInfo.InvariantCulture),
                Visitors: long.Parse(p[2], CultureInfo.InvariantCulture),
                Window: p.Length > 4 ? $"&from={p[3]}&to={p[4]}" : ""));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string Day(int daysBack) => today.AddDays(-daysBack).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (one, user, admin) = (keys[0]!, keys[1]!, keys[2]!);
        Endpoint[] endpoints =
        [
            new("link, 90 days by day", $"/api/v1/links/{code}/stats?from={Day(90)}&granularity=day", one, "link-90d", LinkTarget),
            new("link, 48 hours by hour", $"/api/v1/links/{code}/stats?granularity=hour{expected["link-48h"].Window}", one, "link-48h", LinkTarget),
            new("user overview, 30 days", $"/api/v1/stats?from={Day(30)}&granularity=day", user, "user-30d", AccountTarget),
            new("user overview, 90 days", $"/api/v1/stats?from={Day(90)}&granularity=day", user, "user-90d", AccountTarget),
            new("admin overview, 30 days", $"/api/v1/stats?from={Day(30)}&granularity=day", admin, "admin-30d", AccountTarget),
            new("admin overview, 90 days", $"/api/v1/stats?from={Day(90)}&granularity=day", admin, "admin-90d", AccountTarget),
        ];

        using var handler = new HttpClientHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.All };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(timeout) };
        var baseline = await MeasureAsync(client, new("/healthz (baseline)", "/healthz", null, null, double.NaN), requests, seconds);
        Console.WriteLine($"{"request",-26} {"n",4} {"cold",9} {"server p50",11} {"server p95",11} {"wall p50",10} {"wall p95",10} {"wall/healthz",13} {"target",8}  total (expected)");
        Print(baseline, baseline.WallP50);
        var failed = 0;
        foreach (var endpoint in endpoints)
        {
            var result = await MeasureAsync(client, endpoint, requests, seconds);
            var (total, visitors, _) = expected[endpoint.Expect!];
            var totalsMatch = result.Total == total && (visitors < 0 || result.Visitors == visitors);
            var differs = result.Total != total ? "  TOTAL DIFFERS" : totalsMatch ? "" : "  UNIQUES DIFFER";
            var met = result.ServerP95 < endpoint.Target;
            Print(result, baseline.WallP50, met,
                result.Failure ?? string.Create(CultureInfo.InvariantCulture,
                    $"{result.Total:N0} ({total:N0}){(visitors < 0 ? "" : $", uniques {result.Visitors:N0} ({visitors:N0})")}{differs}"));
            failed += result.Failure is null && totalsMatch && met ? 0 : 1;
        }

        Print(await MeasureAsync(client, new("/healthz (again)", "/healthz", null, null, double.NaN), requests, seconds), baseline.WallP50);
        Console.WriteLine(failed == 0
            ? $"every request answered the seeded totals, one link under {LinkTarget:0} ms and account-wide under {AccountTarget:0} ms of server time at p95"
            : $"{failed} request(s) failed, answered other totals than seeded, or missed the target (one link {LinkTarget:0} ms, account-wide {AccountTarget:0} ms of server time at p95)");
        return failed == 0 ? 0 : 1;
    }

    private sealed record Endpoint(string Name, string Path, string? Key, string? Expect, double Target);

    private sealed record Timing(Endpoint Endpoint, int Count, double Cold, double ServerP50, double ServerP95, double WallP50, double WallP95)
    {
        public long Total { get; init; } = -1;
        public long Visitors { get; init; } = -1;
        public string? Failure { get; init; }
    }

    private static void Print(Timing t, double baseline, bool? met = null, string? totals = null)
    {
        var server = double.IsNaN(t.ServerP50) ? $"{"-",11} {"-",11}" : $"{t.ServerP50,8:0.0} ms {t.ServerP95,8:0.0} ms";
        var wall = double.IsNaN(t.WallP50) ? $"{"-",10} {"-",10} {"-",13}" : $"{t.WallP50,7:0.0} ms {t.WallP95,7:0.0} ms {t.WallP50 / baseline,12:0.0}x";
        var target = met is null ? "" : $"{(met.Value ? "met" : "MISSED")} <{t.Endpoint.Target:0}";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{t.Endpoint.Name,-26} {t.Count,4} {t.Cold,6:0.0} ms {server} {wall} {target,13}  {totals}"));
    }

    private static async Task<Timing> MeasureAsync(HttpClient client, Endpoint endpoint, int requests, double seconds)
    {
        var server = new List<double>();
        var wall = new List<double>();
        var (cold, total, visitors) = (double.NaN, -1L, -1L);
        var clock = Stopwatch.StartNew();
        // The first request is reported on its own (cold plans and pages); the warm-up ones are not counted, and
        // are left out when the first took more than a tenth of the time allowed. One is timed however long it takes.
        var warmup = Warmup;
        for (var i = 0; i < requests + warmup + 1 && (wall.Count == 0 || clock.Elapsed.TotalSeconds < seconds); i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, endpoint.Path);
            if (endpoint.Key is { } key)
            {
                request.Headers.Add("X-Api-Key", key);
            }

            var started = Stopwatch.GetTimestamp();
            byte[] body;
            HttpStatusCode status;
            string? timing = null;
            try
            {
                using var response = await client.SendAsync(request);
                body = await response.Content.ReadAsByteArrayAsync();
                status = response.StatusCode;
                if (response.Headers.TryGetValues("Server-Timing", out var values))
                {
                    timing = string.Join(',', values);
                }
            }
            catch (TaskCanceledException)
            {
                return new Timing(endpoint, wall.Count, cold, double.NaN, double.NaN, double.NaN, double.NaN)
                {
                    Failure = $"timed out after {client.Timeout.TotalSeconds:0} s",
                };
            }

            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (status != HttpStatusCode.OK)
            {
                return new Timing(endpoint, 0, elapsed, double.NaN, double.NaN, double.NaN, double.NaN) { Failure = $"answered {(int)status}" };
            }

            if (i == 0)
            {
                cold = elapsed;
                warmup = elapsed > seconds * 100 ? 0 : Warmup;
                if (endpoint.Expect is not null)
                {
                    (total, visitors) = Totals(body);
                }
            }

            if (i == 0 || i <= warmup)
            {
                continue;
            }

            wall.Add(elapsed);
            if (timing is not null && ServerDuration().Match(timing) is { Success: true } match)
            {
                server.Add(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }

        return new Timing(endpoint, wall.Count, cold, Percentile(server, 0.5), Percentile(server, 0.95), Percentile(wall, 0.5), Percentile(wall, 0.95))
        {
            Total = total,
            Visitors = visitors,
        };
    }

    /// <summary>The answer's <c>totals.total</c> and <c>totals.uniqueVisitors</c>.</summary>
    private static (long Total, long Visitors) Totals(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var totals = Property(document.RootElement, "totals");
        return (Property(totals, "total").GetInt64(), Property(totals, "uniqueVisitors").GetInt64());
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.EnumerateObject().First(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        return values[Math.Min(values.Count - 1, (int)Math.Ceiling(p * values.Count) - 1)];
    }

    [GeneratedRegex("app;dur=([0-9.]+)")]
    private static partial Regex ServerDuration();
}
