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
    /// visit of a day older than retention keeps is not copied: retention has dropped or is about to
    /// drop that day, and the counters count it anyway. Returns the number of rows copied.
    /// </summary>
    public static async Task<int> CopyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<EnrichedVisit> visits,
        short sampleRate, CancellationToken ct)
    {
        if (visits.Count == 0)
        {
            return 0;
        }

        var days = visits.Select(DayOf).ToHashSet();
        var kept = await PostgresVisitPartitions.EnsureAsync(connection, transaction, days, ct);
        try
        {
            return await WriteAsync(connection, visits, kept, sampleRate, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation)
        {
            // No partition for a row: another process's retention dropped a day this one still knew. The
            // batch fails; on its retry the day is looked up again and found to be past retention.
            PostgresVisitPartitions.Forget(connection, days);
            throw;
        }
    }

    private static async Task<int> WriteAsync(
        NpgsqlConnection connection, IReadOnlyList<EnrichedVisit> visits, IReadOnlySet<DateOnly> kept,
        short sampleRate, CancellationToken ct)
    {
        var rows = 0;
        await using var importer = await connection.BeginBinaryImportAsync(Copy, ct);
        foreach (var visit in visits)
        {
            if (!kept.Contains(DayOf(visit)))
            {
                continue;
            }

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
            rows++;
        }

        await importer.CompleteAsync(ct);
        return rows;
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

    /// <summary>The UTC day whose partition holds the visit.</summary>
    private static DateOnly DayOf(EnrichedVisit visit) => DateOnly.FromDateTime(visit.OccurredAt);
}
