using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Hop.Benchmarks;

/// <summary>
/// <c>pages --base URL --username U --password PW --paths FILE [--requests N] [--seconds S]</c>: signs in
/// through the sign-in form (whatever its field names: the form with the password input), then asks for
/// each path of FILE (one a line, <c>#</c> comments; <c>{id}</c> and <c>{code}</c> are replaced by
/// <c>--id</c>/<c>--code</c>) N times, at most S seconds each, one request at a time, and prints p50/p95
/// of the server's own time (its Server-Timing header) and of the wall time, with the wall time's ratio to
/// <c>/healthz</c> measured in the same run. A line may name the status it expects (\"/no/such/page 404\"); a path that answers another is reported as such and not timed.
/// Exits 1 when a page is over the budget (<c>--budget</c>, 100 ms of server time at p95) or not 200.
/// </summary>
internal static partial class PageTimer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        if (!options.TryGetValue("base", out var address) || !options.TryGetValue("paths", out var pathsFile)
            || !options.TryGetValue("username", out var username) || !options.TryGetValue("password", out var password))
        {
            await Console.Error.WriteLineAsync("usage: pages --base URL --username U --password PW --paths FILE [--id ID] [--code CODE] [--requests N] [--seconds S] [--budget MS]");
            return 2;
        }

        var requests = int.Parse(options.GetValueOrDefault("requests", "40"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(options.GetValueOrDefault("seconds", "20"), CultureInfo.InvariantCulture);
        var budget = double.Parse(options.GetValueOrDefault("budget", "100"), CultureInfo.InvariantCulture);
        // "PATH" or "PATH STATUS" (the 404 page is meant to answer 404).
        var paths = (await File.ReadAllLinesAsync(pathsFile))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Replace("{id}", options.GetValueOrDefault("id", "1"), StringComparison.Ordinal)
                          .Replace("{code}", options.GetValueOrDefault("code", "x"), StringComparison.Ordinal)
                          .Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => (Path: p[0], Status: p.Length > 1 ? int.Parse(p[1], CultureInfo.InvariantCulture) : 200))
            .ToArray();

        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        if (!await SignInAsync(client, username, password))
        {
            await Console.Error.WriteLineAsync("signing in failed: no session cookie after posting the sign-in form");
            return 1;
        }

        var baseline = await MeasureAsync(client, "/healthz", 200, requests, seconds);
        Console.WriteLine($"{"path",-36} {"status",6} {"n",4} {"server p50",11} {"server p95",11} {"wall p50",9} {"wall p95",9} {"wall/healthz",13}");
        Print("/healthz (baseline)", baseline, baseline.WallP50);
        var failed = 0;
        foreach (var (path, status) in paths)
        {
            var result = await MeasureAsync(client, path, status, requests, seconds);
            Print(path, result, baseline.WallP50);
            if (result.Status != status || result.ServerP95 > budget)
            {
                failed++;
            }
        }

        var again = await MeasureAsync(client, "/healthz", 200, requests, seconds);
        Print("/healthz (again)", again, baseline.WallP50);
        Console.WriteLine(failed == 0
            ? $"every page answered as expected within {budget:0} ms of server time at p95"
            : $"{failed} page(s) not answering as expected or over {budget:0} ms of server time at p95");
        return failed == 0 ? 0 : 1;
    }

    private const int Warmup = 5;

    private sealed record Timing(int Status, int Count, double ServerP50, double ServerP95, double WallP50, double WallP95);

    private static void Print(string path, Timing t, double baseline)
    {
        if (t.Count == 0)
        {
            Console.WriteLine($"{path,-36} {t.Status,6}  (not the status expected: not timed)");
            return;
        }

        var server = double.IsNaN(t.ServerP50) ? $"{"-",11} {"-",11}" : $"{t.ServerP50,8:0.0} ms {t.ServerP95,8:0.0} ms";
        Console.WriteLine($"{path,-36} {t.Status,6} {t.Count,4} {server} {t.WallP50,6:0.0} ms {t.WallP95,6:0.0} ms {t.WallP50 / baseline,12:0.0}x");
    }

    private static async Task<Timing> MeasureAsync(HttpClient client, string path, int expected, int requests, double seconds)
    {
        var server = new List<double>();
        var wall = new List<double>();
        var clock = Stopwatch.StartNew();
        // Warm-up requests (first render of a component, JIT, cold query plans) are not counted.
        for (var i = 0; i < requests + Warmup && clock.Elapsed.TotalSeconds < seconds; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if ((int)response.StatusCode != expected)
            {
                return new Timing((int)response.StatusCode, 0, double.NaN, double.NaN, double.NaN, double.NaN);
            }

            if (i < Warmup)
            {
                continue;
            }

            wall.Add(elapsed);
            if (response.Headers.TryGetValues("Server-Timing", out var values)
                && ServerDuration().Match(string.Join(',', values)) is { Success: true } match)
            {
                server.Add(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }

        return new Timing(expected, wall.Count, Percentile(server, 0.5), Percentile(server, 0.95), Percentile(wall, 0.5), Percentile(wall, 0.95));
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        return values[Math.Min(values.Count - 1, (int)Math.Ceiling(p * values.Count) - 1)];
    }

    /// <summary>Posts the sign-in form with its hidden fields (antiforgery token, form name) as the page has them.</summary>
    private static async Task<bool> SignInAsync(HttpClient client, string username, string password)
    {
        var page = await client.GetStringAsync("/login");
        var form = Form().Matches(page).Select(m => m.Value).FirstOrDefault(f => f.Contains("type=\"password\"", StringComparison.Ordinal));
        if (form is null)
        {
            return false;
        }

        var action = WebUtility.HtmlDecode(FormAction().Match(form) is { Success: true } a ? a.Groups[1].Value : "/login");
        var fields = new List<KeyValuePair<string, string>>();
        var userField = false;
        foreach (Match input in Input().Matches(form))
        {
            var tag = input.Value;
            if (Attribute(tag, "name") is not { } name)
            {
                continue;
            }

            switch (Attribute(tag, "type"))
            {
                case "hidden":
                    fields.Add(new(name, Attribute(tag, "value") ?? ""));
                    break;
                case "password":
                    fields.Add(new(name, password));
                    break;
                case null or "text" or "email" when !userField:
                    fields.Add(new(name, username));
                    userField = true;
                    break;
            }
        }

        using var response = await client.PostAsync(action, new FormUrlEncodedContent(fields));
        return response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => !c.Contains("Antiforgery", StringComparison.OrdinalIgnoreCase));
    }

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"", RegexOptions.CultureInvariant) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [GeneratedRegex("<form[\\s\\S]*?</form>")]
    private static partial Regex Form();

    [GeneratedRegex("^<form[^>]*\\saction=\"([^\"]*)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex Input();

    [GeneratedRegex("app;dur=([0-9.]+)")]
    private static partial Regex ServerDuration();
}
