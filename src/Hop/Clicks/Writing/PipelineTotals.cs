using System.Data.Common;
using Npgsql;

namespace Hop.Clicks.Writing;

/// <summary>
/// The click pipeline's totals over every writer and restart, kept as <see cref="ClickCounter"/> rows:
/// visits stored (counted), and events skipped because their batch was applied already (a retry, a
/// redelivery). A store adds each write's figures inside its transaction, so they agree with the counters.
/// </summary>
internal static class PipelineTotals
{
    public const string Stored = "stored";
    public const string Duplicates = "duplicates";

    /// <summary>The upsert, its four values (stored's name and count, duplicates' name and count) named by <paramref name="parameter"/>.</summary>
    private static string Upsert(Func<int, string> parameter) => $"""
        INSERT INTO click_counters (name, value) VALUES ({parameter(1)}, {parameter(2)}), ({parameter(3)}, {parameter(4)})
        ON CONFLICT (name) DO UPDATE SET value = click_counters.value + excluded.value
        """;

    public static async Task AddAsync(
        DbConnection connection, DbTransaction transaction, int stored, int duplicates, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Upsert(i => $"@p{i}");
        command.AddParameter("@p1", Stored);
        command.AddParameter("@p2", (long)stored);
        command.AddParameter("@p3", Duplicates);
        command.AddParameter("@p4", (long)duplicates);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The same as a command of an <see cref="NpgsqlBatch"/>.</summary>
    public static NpgsqlBatchCommand Command(int stored, int duplicates) => new(Upsert(i => $"${i}"))
    {
        Parameters =
        {
            new NpgsqlParameter<string> { TypedValue = Stored }, new NpgsqlParameter<long> { TypedValue = stored },
            new NpgsqlParameter<string> { TypedValue = Duplicates }, new NpgsqlParameter<long> { TypedValue = duplicates },
        },
    };
}
