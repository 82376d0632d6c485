using System.Data.Common;
using System.Globalization;
using System.Text;
using Hop.Data;
using Hop.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hop.Clicks;

internal readonly record struct BatchResult(int Stored, int Duplicates);

/// <summary>
/// Writes a batch of click events in one transaction: the raw visits (an event id already stored is
/// skipped and counted as a duplicate), then upserts of the hourly counters, the per-dimension
/// counters, the daily visitors and the pipeline's own totals. Stats read only the counters.
/// </summary>
internal sealed partial class ClickBatchWriter(
    IServiceScopeFactory scopes, ClickEnricher enricher, ClickLiveFeed live, TimeProvider time,
    HopMetrics metrics, ILogger<ClickBatchWriter> logger)
{
    public const string StoredCounter = "stored";
    public const string DuplicatesCounter = "duplicates";

    /// <summary>Rows per INSERT statement on PostgreSQL; keeps parameters well under its limit.</summary>
    private const int RowsPerStatement = 250;

    /// <summary>Rows per statement on SQLite, which finds a named parameter by a linear scan of the
    /// statement's names: cost grows with the square of the parameters per statement, and a profile
    /// under load showed most CPU in that scan with 250 rows. Small statements keep it linear.</summary>
    private const int SqliteRowsPerStatement = 12;

    public static class Dimensions
    {
        public const string Referrer = "referrer";
        public const string Browser = "browser";
        public const string Os = "os";
        public const string Device = "device";
        public const string Country = "country";
        public const string Direct = "(direct)";
        public const string Unknown = "(unknown)";
    }

    public async Task<BatchResult> WriteAsync(IReadOnlyList<ClickEvent> events, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClicksDbContext>();
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var isSqlite = db.Database.IsSqlite();

        var unique = new List<EnrichedVisit>(events.Count);
        var seen = new HashSet<Guid>();
        foreach (var click in events)
        {
            if (seen.Add(click.EventId))
            {
                unique.Add(await enricher.EnrichAsync(click, connection, ct));
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var tx = transaction.GetDbTransaction();
        var rowsPerStatement = isSqlite ? SqliteRowsPerStatement : RowsPerStatement;
        var inserted = await InsertVisitsAsync(connection, tx, unique, isSqlite, rowsPerStatement, ct);
        var stored = unique.Where(v => inserted.Contains(v.EventId)).ToList();
        var duplicates = events.Count - stored.Count;

        await UpsertHourlyCountsAsync(connection, tx, stored, rowsPerStatement, ct);
        await UpsertDimensionCountsAsync(connection, tx, stored, rowsPerStatement, ct);
        await InsertDailyVisitorsAsync(connection, tx, stored, rowsPerStatement, ct);
        await BumpCountersAsync(connection, tx, stored.Count, duplicates, rowsPerStatement, ct);
        await transaction.CommitAsync(ct);
        metrics.ClicksStored(stored.Count);

        if (duplicates > 0)
        {
            DuplicatesSkipped(logger, duplicates);
        }

        live.Publish(stored, time.GetUtcNow());
        return new BatchResult(stored.Count, duplicates);
    }

    private static async Task<HashSet<Guid>> InsertVisitsAsync(
        DbConnection connection, DbTransaction tx, List<EnrichedVisit> visits, bool isSqlite, int rowsPerStatement,
        CancellationToken ct)
    {
        var inserted = new HashSet<Guid>();
        foreach (var chunk in visits.Chunk(rowsPerStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            var sql = new StringBuilder(
                "INSERT INTO visits (event_id, link_id, occurred_at, referrer_host, browser, os, device, \"class\", country, visitor_hash) VALUES ");
            for (var i = 0; i < chunk.Length; i++)
            {
                var v = chunk[i];
                sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture,
                    $"(@e{i}, @l{i}, @t{i}, @r{i}, @b{i}, @o{i}, @d{i}, @c{i}, @n{i}, @h{i})");
                // EF stores Guids as upper-case text on SQLite; write them the same way.
                command.AddParameter($"@e{i}", isSqlite ? v.EventId.ToString().ToUpperInvariant() : v.EventId);
                command.AddParameter($"@l{i}", v.LinkId);
                command.AddParameter($"@t{i}", v.OccurredAt);
                command.AddParameter($"@r{i}", v.ReferrerHost);
                command.AddParameter($"@b{i}", Clip(v.Agent.Browser, 64));
                command.AddParameter($"@o{i}", Clip(v.Agent.Os, 64));
                command.AddParameter($"@d{i}", Clip(v.Agent.Device, 32));
                command.AddParameter($"@c{i}", (int)v.Agent.Class);
                command.AddParameter($"@n{i}", v.Country);
                command.AddParameter($"@h{i}", v.VisitorHash);
            }

            command.CommandText = sql.Append(" ON CONFLICT (event_id) DO NOTHING RETURNING event_id").ToString();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                inserted.Add(reader.GetValue(0) switch
                {
                    Guid guid => guid,
                    var text => Guid.Parse(Convert.ToString(text, CultureInfo.InvariantCulture)!),
                });
            }
        }

        return inserted;
    }

    private static Task UpsertHourlyCountsAsync(
        DbConnection connection, DbTransaction tx, List<EnrichedVisit> visits, int rowsPerStatement, CancellationToken ct)
    {
        var rows = visits.GroupBy(v => (v.LinkId, v.Hour)).Select(g => new object?[]
        {
            g.Key.LinkId, g.Key.Hour, (long)g.Count(),
            Count(g, VisitorClass.Human), Count(g, VisitorClass.Bot), Count(g, VisitorClass.Unfurler),
            Count(g, VisitorClass.MailScanner), Count(g, VisitorClass.Prefetch),
        }).ToList();
        return ExecuteRowsAsync(connection, tx, rows,
            "INSERT INTO visit_counts (link_id, hour, total, humans, bots, unfurlers, mail_scanners, prefetches) VALUES ",
            """
             ON CONFLICT (link_id, hour) DO UPDATE SET
              total = visit_counts.total + excluded.total,
              humans = visit_counts.humans + excluded.humans,
              bots = visit_counts.bots + excluded.bots,
              unfurlers = visit_counts.unfurlers + excluded.unfurlers,
              mail_scanners = visit_counts.mail_scanners + excluded.mail_scanners,
              prefetches = visit_counts.prefetches + excluded.prefetches
            """, rowsPerStatement, ct);
    }

    private static Task UpsertDimensionCountsAsync(
        DbConnection connection, DbTransaction tx, List<EnrichedVisit> visits, int rowsPerStatement, CancellationToken ct)
    {
        var rows = visits
            .SelectMany(v => new (string Dimension, string Value, EnrichedVisit Visit)[]
            {
                (Dimensions.Referrer, v.ReferrerHost ?? Dimensions.Direct, v),
                (Dimensions.Browser, v.Agent.Browser, v),
                (Dimensions.Os, v.Agent.Os, v),
                (Dimensions.Device, v.Agent.Device, v),
                (Dimensions.Country, v.Country ?? Dimensions.Unknown, v),
            })
            .GroupBy(x => (x.Visit.LinkId, x.Visit.Hour, x.Dimension, Value: Clip(x.Value, 255)))
            .Select(g => new object?[] { g.Key.LinkId, g.Key.Hour, g.Key.Dimension, g.Key.Value, (long)g.Count() })
            .ToList();
        return ExecuteRowsAsync(connection, tx, rows,
            "INSERT INTO visit_dimension_counts (link_id, hour, dimension, \"value\", \"count\") VALUES ",
            """
             ON CONFLICT (link_id, dimension, hour, "value") DO UPDATE SET
              "count" = visit_dimension_counts."count" + excluded."count"
            """, rowsPerStatement, ct);
    }

    private static Task InsertDailyVisitorsAsync(
        DbConnection connection, DbTransaction tx, List<EnrichedVisit> visits, int rowsPerStatement, CancellationToken ct)
    {
        var rows = visits
            .DistinctBy(v => (v.LinkId, v.Day, Convert.ToHexString(v.VisitorHash)))
            .Select(v => new object?[] { v.LinkId, v.Day, v.VisitorHash })
            .ToList();
        return ExecuteRowsAsync(connection, tx, rows,
            "INSERT INTO daily_visitors (link_id, day, visitor_hash) VALUES ", " ON CONFLICT DO NOTHING", rowsPerStatement, ct);
    }

    private static Task BumpCountersAsync(
        DbConnection connection, DbTransaction tx, int stored, int duplicates, int rowsPerStatement, CancellationToken ct) =>
        ExecuteRowsAsync(connection, tx,
            [[StoredCounter, (long)stored], [DuplicatesCounter, (long)duplicates]],
            "INSERT INTO click_counters (name, value) VALUES ",
            " ON CONFLICT (name) DO UPDATE SET value = click_counters.value + excluded.value", rowsPerStatement, ct);

    /// <summary>Runs "<paramref name="head"/> (row), (row)… <paramref name="tail"/>" in statements of a bounded size.</summary>
    private static async Task ExecuteRowsAsync(
        DbConnection connection, DbTransaction tx, List<object?[]> rows, string head, string tail, int rowsPerStatement,
        CancellationToken ct)
    {
        foreach (var chunk in rows.Chunk(rowsPerStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            var sql = new StringBuilder(head);
            for (var r = 0; r < chunk.Length; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < chunk[r].Length; c++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@p{r}_{c}");
                    sql.Append(c == 0 ? "" : ", ").Append(name);
                    command.AddParameter(name, chunk[r][c]);
                }

                sql.Append(')');
            }

            command.CommandText = sql.Append(tail).ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static long Count(IEnumerable<EnrichedVisit> visits, VisitorClass visitorClass) =>
        visits.LongCount(v => v.Agent.Class == visitorClass);

    private static string Clip(string value, int max) => value.Length > max ? value[..max] : value;

    [LoggerMessage(EventId = 510, Level = LogLevel.Information, Message = "Skipped {Count} click event(s) already stored")]
    private static partial void DuplicatesSkipped(ILogger logger, int count);
}
