using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;

namespace Hop.Clicks.Writing;

/// <summary>
/// The day partitions of PostgreSQL's <c>visits</c> table, which is partitioned by range of
/// <c>occurred_at</c>: one partition per UTC day, named <c>visits_yyyyMMdd</c> (<see cref="NameOf"/>).
/// Retention makes today's and tomorrow's ahead and drops whole days; a writer makes any other day it
/// meets. A partition is made as a table of its own that is then attached, which locks <c>visits</c>
/// only in SHARE UPDATE EXCLUSIVE mode (CREATE TABLE … PARTITION OF would take ACCESS EXCLUSIVE and
/// wait for every writer's transaction), under an advisory lock so that two processes making the same
/// day take turns instead of failing on the overlap.
/// </summary>
internal static class PostgresVisitPartitions
{
    /// <summary>The advisory lock that making, and dropping, partitions take (pg_advisory_xact_lock).</summary>
    private const long PartitionLock = 0x486f_7056_6973_6974; // "HopVisit"

    /// <summary>Days known to have a partition, per server and database: a batch of a known day goes
    /// straight to COPY.</summary>
    private static readonly ConcurrentDictionary<(string Server, string Database, DateOnly Day), byte> Known = new();

    public static string NameOf(DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"visits_{day:yyyyMMdd}");

    /// <summary>
    /// Makes sure <paramref name="days"/> have partitions, from inside a batch's transaction. A missing
    /// partition is made on a connection of its own and committed at once, since the batch's transaction
    /// may already hold locks that another writer making partitions would wait for.
    /// </summary>
    public static async Task EnsureAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<DateOnly> days, CancellationToken ct)
    {
        var unknown = days.Where(day => !Known.ContainsKey(Key(connection, day))).ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        var existing = await ExistingAsync(connection, transaction, unknown, ct);
        Remember(connection, existing);
        var missing = unknown.Except(existing).ToList();
        if (missing.Count > 0)
        {
            await using var own = (NpgsqlConnection)((ICloneable)connection).Clone();
            await own.OpenAsync(ct);
            await CreateAsync(own, missing, ct);
        }
    }

    /// <summary>
    /// Makes the partitions of <paramref name="days"/> that are missing, in a transaction of its own on
    /// <paramref name="connection"/> (which must be in none).
    /// </summary>
    public static async Task CreateAsync(NpgsqlConnection connection, IReadOnlyCollection<DateOnly> days, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LockAsync(connection, transaction, ct);
        var existing = await ExistingAsync(connection, transaction, days, ct);
        foreach (var day in days.Where(day => !existing.Contains(day)))
        {
            var name = NameOf(day);
            await ExecuteAsync(connection, transaction, $"""
                CREATE TABLE {name} (LIKE visits INCLUDING DEFAULTS);
                ALTER TABLE visits ATTACH PARTITION {name}
                  FOR VALUES FROM ('{Midnight(day)}') TO ('{Midnight(day.AddDays(1))}')
                """, ct);
        }

        await transaction.CommitAsync(ct);
        Remember(connection, days);
    }

    /// <summary>Drops the partitions of the days before <paramref name="keptFrom"/> (DROP TABLE locks
    /// <c>visits</c> until commit, so all go in one short transaction); returns the days dropped.</summary>
    public static async Task<IReadOnlyList<DateOnly>> DropBeforeAsync(
        NpgsqlConnection connection, DateOnly keptFrom, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await LockAsync(connection, transaction, ct);
        var old = (await DaysAsync(connection, transaction, ct)).Where(day => day < keptFrom).Order().ToList();
        foreach (var day in old)
        {
            Known.TryRemove(Key(connection, day), out _);
            await ExecuteAsync(connection, transaction, $"DROP TABLE {NameOf(day)}", ct);
        }

        await transaction.CommitAsync(ct);
        return old;
    }

    /// <summary>Forgets that <paramref name="days"/> have partitions: another process has dropped one of them.</summary>
    public static void Forget(NpgsqlConnection connection, IEnumerable<DateOnly> days)
    {
        foreach (var day in days)
        {
            Known.TryRemove(Key(connection, day), out _);
        }
    }

    /// <summary>The days that have a partition now.</summary>
    private static async Task<IReadOnlyList<DateOnly>> DaysAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'visits'::regclass
            """, connection, transaction);
        var days = new List<DateOnly>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (DateOnly.TryParseExact(reader.GetString(0), "'visits_'yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                days.Add(day);
            }
        }

        return days;
    }

    /// <summary>Takes <see cref="PartitionLock"/> for the transaction, waiting a bounded time: a writer
    /// that waits on its own second connection is a wait the server cannot see, and the timeout ends it.</summary>
    private static Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct) =>
        ExecuteAsync(connection, transaction,
            $"SET LOCAL lock_timeout = '5s'; SELECT pg_advisory_xact_lock({PartitionLock})", ct);

    /// <summary>Those of <paramref name="days"/> whose partition exists (to_regclass takes no lock).</summary>
    private static async Task<HashSet<DateOnly>> ExistingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<DateOnly> days, CancellationToken ct)
    {
        var existing = new HashSet<DateOnly>();
        if (days.Count == 0)
        {
            return existing;
        }

        var byName = days.ToDictionary(NameOf);
        await using var command = new NpgsqlCommand(
            "SELECT name FROM unnest(@names) AS name WHERE to_regclass(name) IS NOT NULL", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]>("names", [.. byName.Keys]));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            existing.Add(byName[reader.GetString(0)]);
        }

        return existing;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static void Remember(NpgsqlConnection connection, IEnumerable<DateOnly> days)
    {
        foreach (var day in days)
        {
            Known.TryAdd(Key(connection, day), 0);
        }
    }

    private static (string, string, DateOnly) Key(NpgsqlConnection connection, DateOnly day) =>
        (connection.DataSource, connection.Database, day);

    /// <summary>The start of <paramref name="day"/> in UTC as a timestamptz literal, whatever the session's time zone.</summary>
    private static string Midnight(DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd} 00:00:00+00");
}
