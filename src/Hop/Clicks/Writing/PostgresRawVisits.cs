using Npgsql;
using NpgsqlTypes;

namespace Hop.Clicks.Writing;

/// <summary>The raw visits of a write on PostgreSQL, in the write's transaction: each row stands for
/// <c>sampleRate</c> visits. (A stand-in: one INSERT of unnested arrays.)</summary>
internal static class PostgresRawVisits
{
    public static async Task CopyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<EnrichedVisit> visits, short sampleRate,
        CancellationToken ct)
    {
        if (visits.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand("""
            INSERT INTO visits (link_id, occurred_at, referrer_host, browser, os, device, "class", country, visitor_hash, route, sample_rate)
            SELECT *, @rate FROM unnest(@link, @at, @referrer, @browser, @os, @device, @class, @country, @hash, @route)
            """, connection, transaction);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<short>("rate", sampleRate));
        p.Add(new NpgsqlParameter<long[]>("link", [.. visits.Select(v => v.LinkId)]));
        p.Add(new NpgsqlParameter<DateTime[]>("at", [.. visits.Select(v => v.OccurredAt)])
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
        });
        p.Add(TextArray("referrer", visits.Select(v => v.ReferrerHost)));
        p.Add(TextArray("browser", visits.Select(VisitColumns.Browser)));
        p.Add(TextArray("os", visits.Select(VisitColumns.Os)));
        p.Add(TextArray("device", visits.Select(VisitColumns.Device)));
        p.Add(new NpgsqlParameter<int[]>("class", [.. visits.Select(v => (int)v.Agent.Class)]));
        p.Add(TextArray("country", visits.Select(v => v.Country)));
        p.Add(new NpgsqlParameter<byte[][]>("hash", [.. visits.Select(v => v.VisitorHash)])
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea,
        });
        p.Add(new NpgsqlParameter<short[]>("route", [.. visits.Select(v => v.Route)]));
        await command.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlParameter<string?[]> TextArray(string name, IEnumerable<string?> values) =>
        new(name, [.. values]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}
