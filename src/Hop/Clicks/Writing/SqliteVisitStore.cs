using Microsoft.Data.Sqlite;

namespace Hop.Clicks.Writing;

/// <summary>
/// The visit store on SQLite, the end of a click's way: on the writer's own connection
/// (<see cref="SqliteClickConnection"/>), one write at a time, in one IMMEDIATE transaction (so a
/// compaction, which takes the write lock the same way, runs wholly before or after it). Every
/// statement is prepared once per write on the native handle (<see cref="SqliteRowStatement"/>) and run
/// once per row: the batch ids (<c>applied_batches</c>; a batch whose id is there already is skipped),
/// the raw visits, then one upsert per distinct key of the
/// <see cref="ClickAggregate"/>, in key order. A daily visitor the insert finds new adds to its
/// link's and its accounts' unique visitors. Visits of a compacted day or hour
/// (<see cref="CompactionWatermarks"/>) also go to the daily and hourly link tables compaction fills.
/// </summary>
internal sealed class SqliteVisitStore(string connectionString, TimeProvider time) : IVisitStore, IDisposable
{
    private static readonly string[] RawVisitColumns =
        ["link_id", "occurred_at", "referrer_host", "browser", "os", "device", "\"class\"", "country", "visitor_hash", "route", "sample_rate"];

    private readonly SqliteClickConnection _connection = new(connectionString);

    public async Task<AppliedWrite> WriteAsync(ClickWrite write, CancellationToken ct)
    {
        var connection = await _connection.AcquireAsync(ct);
        var failed = true;
        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var applied = Write(connection, transaction, write, time.GetUtcNow().UtcDateTime);
            await PipelineTotals.AddAsync(connection, transaction, applied.Visits.Count, applied.Duplicates, ct);
            await transaction.CommitAsync(ct);
            failed = false;
            return applied;
        }
        finally
        {
            _connection.Release(failed);
        }
    }

    public void Dispose() => _connection.Dispose();

    private static AppliedWrite Write(SqliteConnection connection, SqliteTransaction transaction, ClickWrite write, DateTime now)
    {
        var newIds = new HashSet<Guid>();
        using (var insert = new SqliteRowStatement(connection, "INSERT INTO applied_batches (batch_id, applied_at) VALUES (?, ?) ON CONFLICT DO NOTHING"))
        {
            foreach (var id in write.BatchIds)
            {
                // EF stores Guids as upper-case text on SQLite; write them the same way.
                if (insert.Run(id.ToString().ToUpperInvariant(), now) == 1)
                {
                    newIds.Add(id);
                }
            }
        }

        var applied = write.Apply(newIds);
        if (applied.Visits.Count == 0)
        {
            return applied;
        }

        var watermarks = Watermarks(connection, transaction);
        InsertRawVisits(connection, applied.RawRows, applied.SampleRate);
        WriteCounters(connection, applied.Counters, watermarks);
        return applied;
    }

    /// <summary>The compaction watermarks (the transaction holds the write lock, so they stay as read).</summary>
    private static CompactionWatermarks Watermarks(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = new SqliteCommand(
            $"SELECT name, value FROM click_counters WHERE name IN ('{CompactedDays.Counter}', '{CompactedHours.Counter}')",
            connection, transaction);
        using var reader = command.ExecuteReader();
        var values = new Dictionary<string, long>();
        while (reader.Read())
        {
            values[reader.GetString(0)] = reader.GetInt64(1);
        }

        return CompactionWatermarks.Of(
            values.TryGetValue(CompactedDays.Counter, out var day) ? day : null,
            values.TryGetValue(CompactedHours.Counter, out var hour) ? hour : null);
    }

    private static void InsertRawVisits(SqliteConnection connection, IReadOnlyList<EnrichedVisit> rows, short sampleRate)
    {
        using var insert = new SqliteRowStatement(connection,
            $"INSERT INTO visits ({string.Join(", ", RawVisitColumns)}) VALUES {Values(RawVisitColumns.Length)}");
        foreach (var v in rows)
        {
            insert.Bind(1, v.LinkId);
            insert.Bind(2, v.OccurredAt);
            insert.Bind(3, v.ReferrerHost);
            insert.Bind(4, VisitColumns.Browser(v));
            insert.Bind(5, VisitColumns.Os(v));
            insert.Bind(6, VisitColumns.Device(v));
            insert.Bind(7, (long)v.Agent.Class);
            insert.Bind(8, v.Country);
            insert.Bind(9, v.VisitorHash);
            insert.Bind(10, v.Route);
            insert.Bind(11, sampleRate);
            insert.Step();
        }
    }

    private static void WriteCounters(SqliteConnection connection, ClickAggregate counters, CompactionWatermarks compacted)
    {
        Upsert(connection, CounterTable.VisitCounts,
            counters.Hours.OrderBy(h => h.Key).Select(h => (object?[])[h.Key.LinkId, h.Key.Hour, counters.OwnerOf(h.Key.LinkId), .. Boxed(h.Value)]));
        Upsert(connection, CounterTable.VisitProfiles,
            counters.Profiles.OrderBy(p => p.Key.LinkId).ThenBy(p => p.Key.Hour).Select(p => (object?[])[p.Key.LinkId, p.Key.Hour, p.Key.Referrer, p.Key.Browser, p.Key.Os, p.Key.Device, p.Key.Country, p.Value]));

        var newVisitors = new List<DailyVisitorKey>();
        using (var insert = Upsert(connection, CounterTable.DailyVisitors))
        {
            foreach (var visitor in counters.Visitors.OrderBy(v => v.LinkId).ThenBy(v => v.Day))
            {
                if (insert.Run(visitor.LinkId, visitor.Day, visitor.VisitorHash) == 1)
                {
                    newVisitors.Add(visitor);
                }
            }
        }

        Upsert(connection, CounterTable.VisitRoutes,
            counters.Routes.OrderBy(r => r.Key).Select(r => (object?[])[r.Key.LinkId, r.Key.Hour, r.Key.Route, r.Value]));
        Upsert(connection, CounterTable.AccountCounts,
            counters.AccountHours.OrderBy(h => h.Key).Select(h => (object?[])[h.Key.AccountId, h.Key.Hour, .. Boxed(h.Value)]));
        Upsert(connection, CounterTable.AccountDimensions,
            counters.AccountDimensions.Select(d => (object?[])[d.Key.AccountId, d.Key.Hour, (short)d.Key.Dimension, d.Key.Value, d.Value]));
        Upsert(connection, CounterTable.AccountDimensionDays,
            counters.AccountDimensionDays.Select(d => (object?[])[d.Key.AccountId, d.Key.Day, (short)d.Key.Dimension, d.Key.Value, d.Value]));
        var (accountVisitors, linkVisitors) = counters.NewVisitorCounts(newVisitors);
        Upsert(connection, CounterTable.AccountVisitorDays,
            accountVisitors.OrderBy(v => v.Key).Select(v => (object?[])[v.Key.AccountId, v.Key.Day, v.Value]));

        Upsert(connection, CounterTable.LinkDays,
            counters.LinkDays(compacted).OrderBy(d => d.Key)
                .Select(d => (object?[])[d.Key.LinkId, d.Key.Day, counters.OwnerOf(d.Key.LinkId), d.Value]));
        Upsert(connection, CounterTable.LinkDimensionDays,
            counters.LinkDimensionDays(compacted)
                .Select(d => (object?[])[d.Key.LinkId, d.Key.Day, (short)d.Key.Dimension, d.Key.Value, d.Value]));
        Upsert(connection, CounterTable.LinkDimensionHours,
            counters.LinkDimensionHours(compacted)
                .Select(d => (object?[])[d.Key.LinkId, d.Key.Hour, (short)d.Key.Dimension, d.Key.Value, d.Value]));
        Upsert(connection, CounterTable.LinkVisitorDays,
            linkVisitors.OrderBy(v => v.Key)
                .Select(v => (object?[])[v.Key.LinkId, v.Key.Day, v.Value]));
    }

    private static void Upsert(SqliteConnection connection, CounterTable table, IEnumerable<object?[]> rows)
    {
        using var upsert = Upsert(connection, table);
        foreach (var row in rows)
        {
            upsert.Run(row);
        }
    }

    private static SqliteRowStatement Upsert(SqliteConnection connection, CounterTable table) =>
        new(connection, $"INSERT INTO {table.Name} ({table.ColumnList}) VALUES {Values(table.Columns.Length)} {table.OnConflict}");

    private static IEnumerable<object?> Boxed(long[] counts) => counts.Select(c => (object?)c);

    /// <summary><c>(?, ?, …)</c>, <paramref name="count"/> parameters.</summary>
    private static string Values(int count) => $"({string.Join(", ", Enumerable.Repeat("?", count))})";
}
