using Hop.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Hop.Clicks.Writing;

/// <summary>
/// The visit store on PostgreSQL, the end of a click's way: on a connection of the clicks context's
/// pool, a write is one transaction of three round trips. First the batch ids go into
/// <c>applied_batches</c> (ON CONFLICT DO NOTHING RETURNING: a worker applying the same redelivered
/// batch concurrently waits on the key, then skips it) with the compaction watermarks read FOR SHARE
/// (<see cref="CompactionWatermarks"/>). Then the raw visits (<see cref="PostgresRawVisits"/>). Then one
/// <see cref="NpgsqlBatch"/>: an upsert per counter table of the <see cref="ClickAggregate"/>'s rows as
/// unnested arrays, sorted by key so that workers lock the same rows in the same order, and the
/// <see cref="PipelineTotals"/>. The daily visitors' insert returns the rows it added, and the same
/// statement adds them to their links' and accounts' unique visitors.
/// </summary>
internal sealed class PostgresVisitStore(IServiceScopeFactory scopes, TimeProvider time) : IVisitStore
{
    private const string ApplyBatches = """
        INSERT INTO applied_batches (batch_id, applied_at)
        SELECT id, $2 FROM unnest($1::uuid[]) AS u(id) ORDER BY id
        ON CONFLICT DO NOTHING RETURNING batch_id
        """;

    private static readonly string ReadWatermarks =
        $"SELECT name, value FROM click_counters WHERE name IN ('{CompactedDays.Counter}', '{CompactedHours.Counter}') FOR SHARE";

    /// <summary>$1..$3: the visitors; $4, $5: each link's accounts (link, account).</summary>
    internal static readonly string AddVisitors = $"""
        WITH added AS (
          {Unnest(CounterTable.DailyVisitors, 1)} RETURNING link_id, day),
        per_link AS (SELECT link_id, day, count(*) AS visitors FROM added GROUP BY 1, 2),
        accounts AS (
          INSERT INTO account_visitor_days (account_id, day, visitors)
          SELECT a.account_id, p.day, sum(p.visitors)
          FROM per_link p JOIN unnest($4::bigint[], $5::bigint[]) AS a(link_id, account_id) USING (link_id)
          GROUP BY 1, 2 ORDER BY 1, 2
          {CounterTable.AccountVisitorDays.OnConflict})
        INSERT INTO link_visitor_days (link_id, day, visitors)
        SELECT link_id, day, visitors FROM per_link ORDER BY 1, 2
        {CounterTable.LinkVisitorDays.OnConflict}
        """;

    public async Task<AppliedWrite> WriteAsync(ClickWrite write, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClicksDbContext>();
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var tx = (NpgsqlTransaction)transaction.GetDbTransaction();

        var (newIds, compacted) = await ApplyAsync(connection, tx, write.BatchIds, ct);
        var applied = write.Apply(newIds);
        if (applied.Visits.Count > 0)
        {
            await PostgresRawVisits.CopyAsync(connection, tx, applied.RawRows, applied.SampleRate, ct);
        }

        await using (var batch = new NpgsqlBatch(connection, tx))
        {
            if (applied.Visits.Count > 0)
            {
                AddCounters(batch, applied.Counters, compacted);
            }

            batch.BatchCommands.Add(PipelineTotals.Command(applied.Visits.Count, applied.Duplicates));
            await batch.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return applied;
    }

    /// <summary>Records the batch ids; returns those that were new, and the compaction watermarks.</summary>
    private async Task<(HashSet<Guid> NewIds, CompactionWatermarks Compacted)> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, Guid[] ids, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, tx)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(ApplyBatches)
                {
                    Parameters = { new NpgsqlParameter<Guid[]> { TypedValue = ids }, new NpgsqlParameter<DateTime> { TypedValue = time.GetUtcNow().UtcDateTime } },
                },
                new NpgsqlBatchCommand(ReadWatermarks),
            },
        };
        var newIds = new HashSet<Guid>();
        var values = new Dictionary<string, long>();
        await using var reader = await batch.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            newIds.Add(reader.GetGuid(0));
        }

        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            values[reader.GetString(0)] = reader.GetInt64(1);
        }

        return (newIds, CompactionWatermarks.Of(
            values.TryGetValue(CompactedDays.Counter, out var day) ? day : null,
            values.TryGetValue(CompactedHours.Counter, out var hour) ? hour : null));
    }

    private static void AddCounters(NpgsqlBatch batch, ClickAggregate counters, CompactionWatermarks compacted)
    {

        var hours = counters.Hours.ToList();
        Add(batch, CounterTable.VisitCounts,
        [
            Array(hours.Select(h => h.Key.LinkId)), Times(hours.Select(h => h.Key.Hour)),
            Array(hours.Select(h => counters.OwnerOf(h.Key.LinkId))), .. Counts(hours.Select(h => h.Value)),
        ]);

        var profiles = counters.Profiles.ToList();
        Add(batch, CounterTable.VisitProfiles,
        [
            Array(profiles.Select(p => p.Key.LinkId)), Times(profiles.Select(p => p.Key.Hour)),
            Array(profiles.Select(p => p.Key.Referrer)), Array(profiles.Select(p => p.Key.Browser)),
            Array(profiles.Select(p => p.Key.Os)), Array(profiles.Select(p => p.Key.Device)),
            Array(profiles.Select(p => p.Key.Country)), Array(profiles.Select(p => p.Value)),
        ]);

        var visitors = counters.Visitors.ToList();
        var links = counters.Hours.Keys.Select(h => h.LinkId).Distinct()
            .SelectMany(link => counters.AccountsOf(link).Select(account => (link, account))).ToList();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(AddVisitors)
        {
            Parameters =
            {
                Array(visitors.Select(v => v.LinkId)), Array(visitors.Select(v => v.Day)),
                new NpgsqlParameter<byte[][]>
                {
                    TypedValue = [.. visitors.Select(v => v.VisitorHash)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea,
                },
                Array(links.Select(l => l.link)), Array(links.Select(l => l.account)),
            },
        });

        var routes = counters.Routes.ToList();
        Add(batch, CounterTable.VisitRoutes,
        [
            Array(routes.Select(r => r.Key.LinkId)), Times(routes.Select(r => r.Key.Hour)),
            Array(routes.Select(r => r.Key.Route)), Array(routes.Select(r => r.Value)),
        ]);

        var accountHours = counters.AccountHours.ToList();
        Add(batch, CounterTable.AccountCounts,
        [
            Array(accountHours.Select(h => h.Key.AccountId)), Times(accountHours.Select(h => h.Key.Hour)),
            .. Counts(accountHours.Select(h => h.Value)),
        ]);

        var dimensions = counters.AccountDimensions.ToList();
        Add(batch, CounterTable.AccountDimensions,
        [
            Array(dimensions.Select(d => d.Key.AccountId)), Times(dimensions.Select(d => d.Key.Hour)),
            Array(dimensions.Select(d => (short)d.Key.Dimension)), Array(dimensions.Select(d => d.Key.Value)),
            Array(dimensions.Select(d => d.Value)),
        ]);

        var dimensionDays = counters.AccountDimensionDays.ToList();
        Add(batch, CounterTable.AccountDimensionDays,
        [
            Array(dimensionDays.Select(d => d.Key.AccountId)), Array(dimensionDays.Select(d => d.Key.Day)),
            Array(dimensionDays.Select(d => (short)d.Key.Dimension)), Array(dimensionDays.Select(d => d.Key.Value)),
            Array(dimensionDays.Select(d => d.Value)),
        ]);

        var linkDays = counters.LinkDays(compacted).ToList();
        if (linkDays.Count > 0)
        {
            Add(batch, CounterTable.LinkDays,
            [
                Array(linkDays.Select(d => d.Key.LinkId)), Array(linkDays.Select(d => d.Key.Day)),
                Array(linkDays.Select(d => counters.OwnerOf(d.Key.LinkId))), Array(linkDays.Select(d => d.Value)),
            ]);
            var linkDimensions = counters.LinkDimensionDays(compacted).ToList();
            Add(batch, CounterTable.LinkDimensionDays,
            [
                Array(linkDimensions.Select(d => d.Key.LinkId)), Array(linkDimensions.Select(d => d.Key.Day)),
                Array(linkDimensions.Select(d => (short)d.Key.Dimension)), Array(linkDimensions.Select(d => d.Key.Value)),
                Array(linkDimensions.Select(d => d.Value)),
            ]);
        }

        var linkHours = counters.LinkDimensionHours(compacted).ToList();
        if (linkHours.Count > 0)
        {
            Add(batch, CounterTable.LinkDimensionHours,
            [
                Array(linkHours.Select(d => d.Key.LinkId)), Times(linkHours.Select(d => d.Key.Hour)),
                Array(linkHours.Select(d => (short)d.Key.Dimension)), Array(linkHours.Select(d => d.Key.Value)),
                Array(linkHours.Select(d => d.Value)),
            ]);
        }
    }

    private static void Add(NpgsqlBatch batch, CounterTable table, NpgsqlParameter[] columns)
    {
        var command = new NpgsqlBatchCommand(Unnest(table, 1));
        command.Parameters.AddRange(columns);
        batch.BatchCommands.Add(command);
    }

    /// <summary>An upsert of <paramref name="table"/>'s rows from one array per column, the first as
    /// <c>${first}</c>, in key order.</summary>
    private static string Unnest(CounterTable table, int first) => $"""
        INSERT INTO {table.Name} ({table.ColumnList})
        SELECT * FROM unnest({string.Join(", ", table.Columns.Select((_, i) => $"${first + i}"))}) AS u({table.ColumnList})
        ORDER BY {string.Join(", ", table.Keys)}
        {table.OnConflict}
        """;

    private static NpgsqlParameter<T[]> Array<T>(IEnumerable<T> values) => new() { TypedValue = [.. values] };

    private static NpgsqlParameter<DateTime[]> Times(IEnumerable<DateTime> values) =>
        new() { TypedValue = [.. values], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz };

    /// <summary>One array per count column.</summary>
    private static IEnumerable<NpgsqlParameter> Counts(IEnumerable<long[]> rows)
    {
        var list = rows.ToList();
        return Enumerable.Range(0, VisitCountSql.Columns.Count).Select(i => (NpgsqlParameter)Array(list.Select(r => r[i])));
    }
}
