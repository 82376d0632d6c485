using Npgsql;
using NpgsqlTypes;

namespace Hop.Clicks.Writing;

/// <summary>
/// Raw visits on PostgreSQL, written by binary COPY into the day partitions of <c>visits</c>
/// (<see cref="PostgresVisitPartitions"/>): no index to maintain, no unique key to check, since a batch
/// id (not each visit) is what makes a redelivery change nothing.
/// </summary>
internal static class PostgresRawVisits
{
    private const string Copy = """
        COPY visits (link_id, occurred_at, referrer_host, browser, os, device, "class", country, visitor_hash, route, sample_rate)
        FROM STDIN (FORMAT BINARY)
        """;

    /// <summary>
    /// Copies <paramref name="visits"/> into <c>visits</c> inside <paramref name="transaction"/>, each
    /// standing for <paramref name="sampleRate"/> visits, making the partitions of their days first. A
    /// visit older than retention keeps is copied like any other, into a partition made for its day, and
    /// the next retention run (hourly) drops that day again, as SQLite's deletes the row.
    /// </summary>
    public static async Task CopyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<EnrichedVisit> visits,
        short sampleRate, CancellationToken ct)
    {
        if (visits.Count == 0)
        {
            return;
        }

        var days = visits.Select(visit => DateOnly.FromDateTime(visit.OccurredAt)).ToHashSet();
        await PostgresVisitPartitions.EnsureAsync(connection, transaction, days, ct);
        try
        {
            await WriteAsync(connection, visits, sampleRate, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation)
        {
            // No partition for a row: another process's retention dropped a day this one still knew. The
            // batch fails; its retry looks the day up again and makes it.
            PostgresVisitPartitions.Forget(connection, days);
            throw;
        }
    }

    private static async Task WriteAsync(
        NpgsqlConnection connection, IReadOnlyList<EnrichedVisit> visits, short sampleRate, CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync(Copy, ct);
        foreach (var visit in visits)
        {
            await importer.StartRowAsync(ct);
            await importer.WriteAsync(visit.LinkId, NpgsqlDbType.Bigint, ct);
            await importer.WriteAsync(visit.OccurredAt, NpgsqlDbType.TimestampTz, ct);
            await WriteTextAsync(importer, visit.ReferrerHost, ct);
            await importer.WriteAsync(VisitColumns.Browser(visit), NpgsqlDbType.Varchar, ct);
            await importer.WriteAsync(VisitColumns.Os(visit), NpgsqlDbType.Varchar, ct);
            await importer.WriteAsync(VisitColumns.Device(visit), NpgsqlDbType.Varchar, ct);
            await importer.WriteAsync((int)visit.Agent.Class, NpgsqlDbType.Integer, ct);
            await WriteTextAsync(importer, visit.Country, ct);
            await importer.WriteAsync(visit.VisitorHash, NpgsqlDbType.Bytea, ct);
            await importer.WriteAsync(visit.Route, NpgsqlDbType.Smallint, ct);
            await importer.WriteAsync(sampleRate, NpgsqlDbType.Smallint, ct);
        }

        await importer.CompleteAsync(ct);
    }

    private static async Task WriteTextAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken ct)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(ct);
        }
        else
        {
            await importer.WriteAsync(value, NpgsqlDbType.Varchar, ct);
        }
    }
}
