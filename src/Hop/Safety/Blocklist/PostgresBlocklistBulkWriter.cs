using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Hop.Safety.Blocklist;

/// <summary>PostgreSQL: binary COPY into a temporary table, then one <c>INSERT … SELECT … ON CONFLICT DO NOTHING</c>.</summary>
internal sealed class PostgresBlocklistBulkWriter : BlocklistBulkWriter
{
    public override async Task<List<(long Id, string Value, BlocklistKind Kind)>> InsertAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<(string Value, BlocklistKind Kind)> entries,
        BlocklistEntryFields fields, CancellationToken ct)
    {
        var npgsql = (NpgsqlConnection)connection;
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE blocklist_import (value text NOT NULL, kind integer NOT NULL) ON COMMIT DROP", npgsql, (NpgsqlTransaction)transaction))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await using (var copy = await npgsql.BeginBinaryImportAsync("COPY blocklist_import (value, kind) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (value, kind) in entries)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(value, NpgsqlDbType.Text, ct);
                await copy.WriteAsync((int)kind, NpgsqlDbType.Integer, ct);
            }

            await copy.CompleteAsync(ct);
        }

        await using var insert = new NpgsqlCommand(
            "INSERT INTO blocked_domains (value, kind, action, reason, source, added_by, added_at) "
            + "SELECT value, kind, @action, @reason, @source, @by, @at FROM blocklist_import "
            + "ON CONFLICT (value) DO NOTHING RETURNING id, value, kind", npgsql, (NpgsqlTransaction)transaction);
        insert.Parameters.Add(new NpgsqlParameter("action", NpgsqlDbType.Integer) { Value = (int)fields.Action });
        insert.Parameters.Add(new NpgsqlParameter("reason", NpgsqlDbType.Varchar) { Value = (object?)fields.Reason ?? DBNull.Value });
        insert.Parameters.Add(new NpgsqlParameter("source", NpgsqlDbType.Varchar) { Value = fields.Source });
        insert.Parameters.Add(new NpgsqlParameter("by", NpgsqlDbType.Bigint) { Value = (object?)fields.AddedBy ?? DBNull.Value });
        insert.Parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.TimestampTz) { Value = fields.AddedAt });
        var added = new List<(long, string, BlocklistKind)>();
        await using var reader = await insert.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            added.Add((reader.GetInt64(0), reader.GetString(1), (BlocklistKind)reader.GetInt32(2)));
        }

        return added;
    }
}
