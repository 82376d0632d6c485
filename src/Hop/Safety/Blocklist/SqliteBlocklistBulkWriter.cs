using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Hop.Safety.Blocklist;

/// <summary>SQLite: one multi-row <c>INSERT OR IGNORE … RETURNING</c>, prepared once and reused for every full chunk.</summary>
internal sealed class SqliteBlocklistBulkWriter : BlocklistBulkWriter
{
    private const int RowsPerStatement = 500;

    public override async Task<List<(long Id, string Value, BlocklistKind Kind)>> InsertAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<(string Value, BlocklistKind Kind)> entries,
        BlocklistEntryFields fields, CancellationToken ct)
    {
        var added = new List<(long, string, BlocklistKind)>();
        var chunk = new List<(string Value, BlocklistKind Kind)>(RowsPerStatement);
        await using var full = Statement(connection, transaction, RowsPerStatement, fields);
        await full.PrepareAsync(ct);
        foreach (var entry in entries)
        {
            chunk.Add(entry);
            if (chunk.Count == RowsPerStatement)
            {
                await RunAsync(full, chunk, added, ct);
                chunk.Clear();
            }
        }

        if (chunk.Count > 0)
        {
            await using var rest = Statement(connection, transaction, chunk.Count, fields);
            await RunAsync(rest, chunk, added, ct);
        }

        return added;
    }

    private static DbCommand Statement(DbConnection connection, DbTransaction transaction, int rows, BlocklistEntryFields fields)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder("INSERT OR IGNORE INTO blocked_domains (value, kind, action, reason, source, added_by, added_at) VALUES ");
        for (var i = 0; i < rows; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@v{i}, @k{i}, @action, @reason, @source, @by, @at)");
            BlocklistSync.Add(command, $"@v{i}", "");
            BlocklistSync.Add(command, $"@k{i}", 0);
        }

        command.CommandText = sql.Append(" RETURNING id, value, kind").ToString();
        BlocklistSync.Add(command, "@action", (int)fields.Action);
        BlocklistSync.Add(command, "@reason", fields.Reason);
        BlocklistSync.Add(command, "@source", fields.Source);
        BlocklistSync.Add(command, "@by", fields.AddedBy);
        BlocklistSync.Add(command, "@at", fields.AddedAt);
        return command;
    }

    private static async Task RunAsync(
        DbCommand command, List<(string Value, BlocklistKind Kind)> chunk, List<(long, string, BlocklistKind)> added, CancellationToken ct)
    {
        for (var i = 0; i < chunk.Count; i++)
        {
            command.Parameters[2 * i].Value = chunk[i].Value;
            command.Parameters[(2 * i) + 1].Value = (int)chunk[i].Kind;
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            added.Add((reader.GetInt64(0), reader.GetString(1), (BlocklistKind)reader.GetInt32(2)));
        }
    }
}
