using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Hop.Clicks;
using Hop.Clicks.Writing;
using Hop.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Hop.Benchmarks;

/// <summary>
/// Times <see cref="PostgresRawVisits.CopyAsync"/> on a PostgreSQL clicks database (migrated first):
/// generated visits over the last seven days, in batches of the writer's default size, one transaction
/// each, as the writer commits them. Prints the rows per second and what the raw visits take on disk
/// per row (<see cref="SizeSql"/>).
/// </summary>
internal static class RawVisitCopier
{
    private const string Usage = "raw-visits --connection CS [--count N] [--batch N]";

    /// <summary>
    /// Bytes of the clicks tables, indexes and TOAST included: the raw visits (every partition), the
    /// counters (every other clicks table), and per stored visit (the pipeline's <c>stored</c> total, or
    /// the raw rows when nothing went through the writer).
    /// </summary>
    public const string SizeSql = """
        WITH raw AS (
          SELECT coalesce(sum(pg_total_relation_size(relid)), 0) AS bytes FROM pg_partition_tree('visits')),
        counters AS (
          SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS bytes
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind = 'r' AND n.nspname = current_schema() AND c.relname IN (
            'visit_counts', 'visit_profiles', 'daily_visitors', 'visit_routes', 'click_counters', 'applied_batches',
            'account_counts', 'account_dimensions', 'account_dimension_days', 'account_visitor_days',
            'link_days', 'link_dimension_days', 'link_visitor_days')),
        visits AS (
          SELECT coalesce((SELECT value FROM click_counters WHERE name = 'stored'), (SELECT count(*) FROM visits)) AS stored,
                 (SELECT count(*) FROM visits) AS rows)
        SELECT raw.bytes, counters.bytes, visits.stored, visits.rows,
               round(raw.bytes::numeric / nullif(visits.rows, 0), 1) AS raw_bytes_per_row,
               round((raw.bytes + counters.bytes)::numeric / nullif(visits.stored, 0), 1) AS bytes_per_stored_visit
        FROM raw, counters, visits
        """;

    private static readonly string[] Referrers = ["news.ycombinator.com", "t.co", "www.google.com", "www.reddit.com", "mail.google.com"];
    private static readonly string[] Countries = ["US", "DE", "FR", "GB", "IN", "BR", "JP"];
    private static readonly UserAgentInfo[] Agents =
    [
        new(VisitorClass.Human, "Chrome", "Windows", "Desktop"),
        new(VisitorClass.Human, "Safari", "iOS", "Mobile"),
        new(VisitorClass.Human, "Firefox", "Linux", "Desktop"),
        new(VisitorClass.Unfurler, "Slackbot", "(unknown)", "(unknown)"),
        new(VisitorClass.Bot, "curl", "(unknown)", "(unknown)"),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        if (!options.TryGetValue("connection", out var connectionString))
        {
            await Console.Error.WriteLineAsync("usage: " + Usage);
            return 2;
        }

        var count = int.Parse(options.GetValueOrDefault("count", "1000000"), CultureInfo.InvariantCulture);
        var batch = int.Parse(options.GetValueOrDefault("batch", "5000"), CultureInfo.InvariantCulture);
        var builder = new DbContextOptionsBuilder<PostgresClicksDbContext>();
        builder.UseHopPostgres(connectionString, ClicksDbContext.MigrationsHistoryTable);
        await using (var db = new PostgresClicksDbContext(builder.Options))
        {
            await db.Database.MigrateAsync();
        }

        var visits = Generate(count);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        var clock = Stopwatch.StartNew();
        var copied = 0;
        foreach (var chunk in visits.Chunk(batch))
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await PostgresRawVisits.CopyAsync(connection, transaction, chunk, 1, CancellationToken.None);
            copied += chunk.Length;
            await transaction.CommitAsync();
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"copied {copied:N0} visits in batches of {batch:N0} in {seconds:F1} s: {copied / seconds:N0} rows/s"));

        await using (var checkpoint = new NpgsqlCommand("CHECKPOINT", connection))
        {
            await checkpoint.ExecuteNonQueryAsync();
        }

        await using var size = new NpgsqlCommand(SizeSql, connection);
        await using var reader = await size.ExecuteReaderAsync();
        await reader.ReadAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"raw visits {reader.GetInt64(0):N0} B, counters {reader.GetInt64(1):N0} B, stored {reader.GetInt64(2):N0}, rows {reader.GetInt64(3):N0}: " +
            $"{reader.GetDecimal(4)} B per raw row, {reader.GetDecimal(5)} B per stored visit"));
        return 0;
    }

    /// <summary>Visits spread over the last seven days, in time order as a writer meets them.</summary>
    private static EnrichedVisit[] Generate(int count)
    {
        var random = new Random(19);
        var end = DateTime.UtcNow;
        var span = TimeSpan.FromDays(7);
        var visits = new EnrichedVisit[count];
        for (var i = 0; i < count; i++)
        {
            var hash = new byte[SHA256.HashSizeInBytes];
            random.NextBytes(hash);
            visits[i] = new EnrichedVisit
            {
                LinkId = random.Next(1, 100_000),
                OccurredAt = end - span + (span * i / count),
                ReferrerHost = random.Next(3) == 0 ? null : Referrers[random.Next(Referrers.Length)],
                Agent = Agents[random.Next(Agents.Length)],
                Country = Countries[random.Next(Countries.Length)],
                VisitorHash = hash,
                Route = ClickRoute.Target,
            };
        }

        return visits;
    }
}
