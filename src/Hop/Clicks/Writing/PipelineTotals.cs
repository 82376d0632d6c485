using System.Data.Common;

namespace Hop.Clicks.Writing;

/// <summary>
/// The click pipeline's totals over every writer and restart, kept as <see cref="ClickCounter"/> rows:
/// visits stored, and redelivered events skipped because their id was stored already. A store adds
/// each batch's figures inside the batch's transaction, so they agree with the visits.
/// </summary>
internal static class PipelineTotals
{
    public const string Stored = "stored";
    public const string Duplicates = "duplicates";

    public static async Task AddAsync(
        DbConnection connection, DbTransaction transaction, int stored, int duplicates, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO click_counters (name, value) VALUES (@stored, @storedCount), (@duplicates, @duplicateCount)
            ON CONFLICT (name) DO UPDATE SET value = click_counters.value + excluded.value
            """;
        command.AddParameter("@stored", Stored);
        command.AddParameter("@storedCount", (long)stored);
        command.AddParameter("@duplicates", Duplicates);
        command.AddParameter("@duplicateCount", (long)duplicates);
        await command.ExecuteNonQueryAsync(ct);
    }
}
