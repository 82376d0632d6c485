using Hop.Clicks;
using Npgsql;
using NpgsqlTypes;

namespace Hop.Benchmarks;

/// <summary>The counter rows by binary COPY, one COPY per table, each on a connection of its own so that
/// the tables fill side by side (and the server's backends share the index work).</summary>
internal sealed class PostgresCounterRows : CounterRows
{
    private readonly NpgsqlDataSource _source;
    private readonly Dictionary<string, (NpgsqlConnection Connection, NpgsqlBinaryImporter Import)> _copies = new(StringComparer.Ordinal);
    private (int Day, int Hour)? _compactedThrough;

    public PostgresCounterRows(string connectionString, DateTime firstHour, int hours)
        : base(firstHour, hours)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 16, CommandTimeout = 0 };
        _source = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public override void VisitCount(long linkId, int hour, long? ownerId, long[] counts)
    {
        var copy = Copy($"visit_counts (link_id, hour, owner_id, {VisitCountColumns})");
        copy.StartRow();
        copy.Write(linkId, NpgsqlDbType.Bigint);
        copy.Write(Hours[hour], NpgsqlDbType.TimestampTz);
        WriteOwner(copy, ownerId);
        WriteCounts(copy, counts);
    }

    public override void VisitProfile(long linkId, int hour, string referrer, string browser, string os, string device, string country, long count)
    {
        var copy = Copy("visit_profiles (link_id, hour, referrer, browser, os, device, country, \"count\")");
        copy.StartRow();
        copy.Write(linkId, NpgsqlDbType.Bigint);
        copy.Write(Hours[hour], NpgsqlDbType.TimestampTz);
        copy.Write(referrer, NpgsqlDbType.Varchar);
        copy.Write(browser, NpgsqlDbType.Varchar);
        copy.Write(os, NpgsqlDbType.Varchar);
        copy.Write(device, NpgsqlDbType.Varchar);
        copy.Write(country, NpgsqlDbType.Varchar);
        copy.Write(count, NpgsqlDbType.Bigint);
    }

    public override void DailyVisitor(long linkId, int day, byte[] visitorHash)
    {
        var copy = Copy("daily_visitors (link_id, day, visitor_hash)");
        copy.StartRow();
        copy.Write(linkId, NpgsqlDbType.Bigint);
        copy.Write(Days[day], NpgsqlDbType.Date);
        copy.Write(visitorHash, NpgsqlDbType.Bytea);
    }

    public override void LinkDay(long linkId, int day, long? ownerId, long total)
    {
        var copy = Copy("link_days (link_id, day, owner_id, total)");
        copy.StartRow();
        copy.Write(linkId, NpgsqlDbType.Bigint);
        copy.Write(Days[day], NpgsqlDbType.Date);
        WriteOwner(copy, ownerId);
        copy.Write(total, NpgsqlDbType.Bigint);
    }

    public override void LinkDimensionDay(long linkId, int day, StatsDimension dimension, string value, long count) =>
        DimensionRow("link_dimension_days (link_id, day, dimension, value, \"count\")", linkId, Days[day], NpgsqlDbType.Date, dimension, value, count);

    public override void LinkDimensionHour(long linkId, int hour, StatsDimension dimension, string value, long count) =>
        DimensionRow("link_dimension_hours (link_id, hour, dimension, value, \"count\")", linkId, Hours[hour], NpgsqlDbType.TimestampTz, dimension, value, count);

    public override void LinkVisitorDay(long linkId, int day, long visitors) =>
        VisitorRow("link_visitor_days (link_id, day, visitors)", linkId, day, visitors);

    public override void AccountCount(long accountId, int hour, long[] counts)
    {
        var copy = Copy($"account_counts (account_id, hour, {VisitCountColumns})");
        copy.StartRow();
        copy.Write(accountId, NpgsqlDbType.Bigint);
        copy.Write(Hours[hour], NpgsqlDbType.TimestampTz);
        WriteCounts(copy, counts);
    }

    public override void AccountDimension(long accountId, int hour, StatsDimension dimension, string value, long count) =>
        DimensionRow("account_dimensions (account_id, hour, dimension, value, \"count\")", accountId, Hours[hour], NpgsqlDbType.TimestampTz, dimension, value, count);

    public override void AccountDimensionDay(long accountId, int day, StatsDimension dimension, string value, long count) =>
        DimensionRow("account_dimension_days (account_id, day, dimension, value, \"count\")", accountId, Days[day], NpgsqlDbType.Date, dimension, value, count);

    public override void AccountVisitorDay(long accountId, int day, long visitors) =>
        VisitorRow("account_visitor_days (account_id, day, visitors)", accountId, day, visitors);

    public override void CompactedThrough(int day, int hour) => _compactedThrough = (day, hour);

    public override void Complete()
    {
        foreach (var (connection, import) in _copies.Values)
        {
            import.Complete();
            import.Dispose();
            connection.Dispose();
        }

        _copies.Clear();
        if (_compactedThrough is var (day, hour))
        {
            foreach (var (name, value) in new[] { (CompactedDays.Counter, (long)Days[day].DayNumber), (CompactedHours.Counter, CompactedHours.Number(Hours[hour])) })
            {
                using var command = _source.CreateCommand(
                    "INSERT INTO click_counters (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value");
                command.Parameters.Add(new() { Value = name });
                command.Parameters.Add(new() { Value = value });
                command.ExecuteNonQuery();
            }
        }
    }

    public override void Dispose()
    {
        foreach (var (connection, import) in _copies.Values)
        {
            import.Dispose();
            connection.Dispose();
        }

        _source.Dispose();
    }

    private NpgsqlBinaryImporter Copy(string table)
    {
        if (!_copies.TryGetValue(table, out var copy))
        {
            var connection = _source.OpenConnection();
            copy = (connection, connection.BeginBinaryImport($"COPY {table} FROM STDIN (FORMAT BINARY)"));
            _copies[table] = copy;
        }

        return copy.Import;
    }

    private void DimensionRow<TPeriod>(string table, long id, TPeriod period, NpgsqlDbType periodType, StatsDimension dimension, string value, long count)
    {
        var copy = Copy(table);
        copy.StartRow();
        copy.Write(id, NpgsqlDbType.Bigint);
        copy.Write(period, periodType);
        copy.Write((short)dimension, NpgsqlDbType.Smallint);
        copy.Write(value, NpgsqlDbType.Varchar);
        copy.Write(count, NpgsqlDbType.Bigint);
    }

    private void VisitorRow(string table, long id, int day, long visitors)
    {
        var copy = Copy(table);
        copy.StartRow();
        copy.Write(id, NpgsqlDbType.Bigint);
        copy.Write(Days[day], NpgsqlDbType.Date);
        copy.Write(visitors, NpgsqlDbType.Bigint);
    }

    private static void WriteOwner(NpgsqlBinaryImporter copy, long? ownerId)
    {
        if (ownerId is { } owner)
        {
            copy.Write(owner, NpgsqlDbType.Bigint);
        }
        else
        {
            copy.WriteNull();
        }
    }

    private static void WriteCounts(NpgsqlBinaryImporter copy, long[] counts)
    {
        for (var i = 0; i < CountColumns; i++)
        {
            copy.Write(counts[i], NpgsqlDbType.Bigint);
        }
    }
}
