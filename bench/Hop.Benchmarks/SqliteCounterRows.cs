using System.Globalization;
using Hop.Clicks;
using Microsoft.Data.Sqlite;

namespace Hop.Benchmarks;

/// <summary>The counter rows by one prepared INSERT per table, all in one transaction, with hours and days
/// as the stores write them (text <c>yyyy-MM-dd HH:00:00</c> and <c>yyyy-MM-dd</c>).</summary>
internal sealed class SqliteCounterRows : CounterRows
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly Dictionary<string, SqliteCommand> _inserts = new(StringComparer.Ordinal);
    private readonly string[] _hours;
    private readonly string[] _days;

    public SqliteCounterRows(string connectionString, DateTime firstHour, int hours)
        : base(firstHour, hours)
    {
        _hours = [.. Hours.Select(h => h.ToString("yyyy-MM-dd HH:00:00", CultureInfo.InvariantCulture))];
        _days = [.. Days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))];
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using (var pragmas = _connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;";
            pragmas.ExecuteNonQuery();
        }

        _transaction = _connection.BeginTransaction();
    }

    public override void VisitCount(long linkId, int hour, long? ownerId, long[] counts) =>
        Insert($"visit_counts (link_id, hour, owner_id, {VisitCountColumns})", [linkId, _hours[hour], Owner(ownerId), .. Counts(counts)]);

    public override void VisitProfile(long linkId, int hour, string referrer, string browser, string os, string device, string country, long count) =>
        Insert("visit_profiles (link_id, hour, referrer, browser, os, device, country, \"count\")",
            [linkId, _hours[hour], referrer, browser, os, device, country, count]);

    public override void DailyVisitor(long linkId, int day, byte[] visitorHash) =>
        Insert("daily_visitors (link_id, day, visitor_hash)", [linkId, _days[day], visitorHash]);

    public override void LinkDay(long linkId, int day, long? ownerId, long total) =>
        Insert("link_days (link_id, day, owner_id, total)", [linkId, _days[day], Owner(ownerId), total]);

    public override void LinkDimensionDay(long linkId, int day, StatsDimension dimension, string value, long count) =>
        Insert("link_dimension_days (link_id, day, dimension, value, \"count\")", [linkId, _days[day], (short)dimension, value, count]);

    public override void LinkVisitorDay(long linkId, int day, long visitors) =>
        Insert("link_visitor_days (link_id, day, visitors)", [linkId, _days[day], visitors]);

    public override void AccountCount(long accountId, int hour, long[] counts) =>
        Insert($"account_counts (account_id, hour, {VisitCountColumns})", [accountId, _hours[hour], .. Counts(counts)]);

    public override void AccountDimension(long accountId, int hour, StatsDimension dimension, string value, long count) =>
        Insert("account_dimensions (account_id, hour, dimension, value, \"count\")", [accountId, _hours[hour], (short)dimension, value, count]);

    public override void AccountDimensionDay(long accountId, int day, StatsDimension dimension, string value, long count) =>
        Insert("account_dimension_days (account_id, day, dimension, value, \"count\")", [accountId, _days[day], (short)dimension, value, count]);

    public override void AccountVisitorDay(long accountId, int day, long visitors) =>
        Insert("account_visitor_days (account_id, day, visitors)", [accountId, _days[day], visitors]);

    public override void LinkDimensionHour(long linkId, int hour, StatsDimension dimension, string value, long count) =>
        Insert("link_dimension_hours (link_id, hour, dimension, value, \"count\")", [linkId, _hours[hour], (short)dimension, value, count]);

    public override void CompactedThrough(int day, int hour)
    {
        Insert("click_counters (name, value)", [CompactedDays.Counter, (long)Days[day].DayNumber]);
        Insert("click_counters (name, value)", [CompactedHours.Counter, CompactedHours.Number(Hours[hour])]);
    }

    public override void Complete()
    {
        _transaction.Commit();
        using var finish = _connection.CreateCommand();
        finish.CommandText = "PRAGMA synchronous=FULL; ANALYZE;";
        finish.CommandTimeout = 0;
        finish.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        foreach (var insert in _inserts.Values)
        {
            insert.Dispose();
        }

        _transaction.Dispose();
        _connection.Dispose();
    }

    private void Insert(string table, object[] values)
    {
        if (!_inserts.TryGetValue(table, out var insert))
        {
            insert = _connection.CreateCommand();
            insert.Transaction = _transaction;
            insert.CommandText = $"INSERT INTO {table} VALUES ({string.Join(", ", values.Select((_, i) => "$p" + i))})";
            for (var i = 0; i < values.Length; i++)
            {
                insert.Parameters.Add(new SqliteParameter("$p" + i, values[i]));
            }

            insert.Prepare();
            _inserts[table] = insert;
        }

        for (var i = 0; i < values.Length; i++)
        {
            insert.Parameters[i].Value = values[i];
        }

        insert.ExecuteNonQuery();
    }

    private static object Owner(long? ownerId) => ownerId is { } owner ? owner : DBNull.Value;

    private static IEnumerable<object> Counts(long[] counts) => counts.Take(CountColumns).Cast<object>();
}
