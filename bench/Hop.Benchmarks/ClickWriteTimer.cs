using System.Diagnostics;
using System.Globalization;
using Hop.Clicks;
using Hop.Clicks.Writing;
using Hop.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hop.Benchmarks;

/// <summary>
/// <c>write-clicks --provider Sqlite|Postgres --connection CS --clicks N --links N [--rounds R] [--raw All|Sample|Off]</c>:
/// times the visit store's write of one batch of N enriched clicks spread over N links (a few agents
/// and visitors, the current hour), R times after one warm-up, on a clicks database it migrates first.
/// Prints the milliseconds of each write and their median, and the counter rows the last one wrote.
/// </summary>
internal static class ClickWriteTimer
{
    private static readonly UserAgentInfo[] Agents =
    [
        new(VisitorClass.Human, "Chrome", "Windows", "Desktop"),
        new(VisitorClass.Human, "Safari", "iOS", "Mobile"),
        new(VisitorClass.Human, "Firefox", "Linux", "Desktop"),
        new(VisitorClass.Unfurler, "Slackbot", "Other", "Other"),
        new(VisitorClass.Bot, "curl", "Other", "Other"),
    ];

    private static readonly string?[] Referrers = [null, "news.ycombinator.com", "t.co", "www.google.com"];
    private static readonly string?[] Countries = [null, "DE", "US", "FR", "JP"];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        if (!options.TryGetValue("provider", out var provider) || !options.TryGetValue("connection", out var connection))
        {
            await Console.Error.WriteLineAsync("usage: write-clicks --provider Sqlite|Postgres --connection CS --clicks N --links N [--rounds R] [--raw All|Sample|Off]");
            return 2;
        }

        var clicks = int.Parse(options.GetValueOrDefault("clicks", "50000"), CultureInfo.InvariantCulture);
        var links = int.Parse(options.GetValueOrDefault("links", "100"), CultureInfo.InvariantCulture);
        var rounds = int.Parse(options.GetValueOrDefault("rounds", "5"), CultureInfo.InvariantCulture);
        var raw = Enum.Parse<RawVisitMode>(options.GetValueOrDefault("raw", "All"));
        var postgres = provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase);

        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        if (postgres)
        {
            services.AddDbContext<PostgresClicksDbContext>(db => db.UseHopPostgres(connection, ClicksDbContext.MigrationsHistoryTable));
            services.AddScoped<ClicksDbContext>(sp => sp.GetRequiredService<PostgresClicksDbContext>());
        }
        else
        {
            services.AddDbContext<SqliteClicksDbContext>(db => db.UseHopSqlite(connection, ClicksDbContext.MigrationsHistoryTable));
            services.AddScoped<ClicksDbContext>(sp => sp.GetRequiredService<SqliteClicksDbContext>());
        }

        await using var provided = services.BuildServiceProvider();
        await using (var scope = provided.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ClicksDbContext>().Database.MigrateAsync();
        }

        IVisitStore store = postgres
            ? new PostgresVisitStore(provided.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System)
            : new SqliteVisitStore(connection, TimeProvider.System);
        var sampler = new RawVisitSampler(Options.Create(new ClickOptions { RawVisits = raw }));
        var owners = Enumerable.Range(1, links).ToDictionary(l => (long)l, l => (long?)(1 + l % 50));
        var hour = DateTime.UtcNow;
        var times = new List<double>();
        AppliedWrite? last = null;
        for (var round = 0; round <= rounds; round++)
        {
            var visits = Enumerable.Range(0, clicks).Select(i => Visit(round * clicks + i, links, hour)).ToList();
            var write = new ClickWrite([new EnrichedBatch(Guid.CreateVersion7(), visits)], owners, sampler, new KnownVisitors());
            var started = Stopwatch.GetTimestamp();
            last = await store.WriteAsync(write, CancellationToken.None);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (round > 0)
            {
                times.Add(ms);
            }

            Console.WriteLine($"{(round == 0 ? "warm-up" : $"round {round}")}: {ms:F0} ms");
        }

        (store as IDisposable)?.Dispose();
        times.Sort();
        var counters = last!.Counters;
        Console.WriteLine(
            $"{provider} raw={raw}: {clicks} clicks over {links} links, median {times[times.Count / 2]:F0} ms per batch "
            + $"({clicks / times[times.Count / 2] * 1000:F0} clicks/s); keys: {counters.Hours.Count} hours, "
            + $"{counters.Profiles.Count} profiles, {counters.Visitors.Count} visitors, {counters.AccountDimensions.Count} account dimensions");
        return 0;
    }

    private static EnrichedVisit Visit(int n, int links, DateTime at)
    {
        var visitor = n % 5_000;
        return new EnrichedVisit
        {
            LinkId = 1 + n % links,
            OccurredAt = at,
            ReferrerHost = Referrers[n / 7 % Referrers.Length],
            Agent = Agents[visitor % Agents.Length],
            Country = Countries[visitor % Countries.Length],
            VisitorHash = System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(visitor * 1_000_003L + n % links)),
            Route = ClickRoute.Target,
        };
    }
}
