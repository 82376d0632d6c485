using System.Data.Common;
using Hop.Data;
using Hop.Observability;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hop.Clicks.Writing;

/// <summary>
/// Writes a batch of click events in one transaction: the raw visits (an event id already stored is
/// skipped and counted as a duplicate), the hourly counters, visit profiles and daily visitors rolled
/// up from those visits inside the database, and the pipeline's own totals. Stats read only the
/// counters. On SQLite the roll-up may wait for later batches while more events are queued (see
/// <see cref="SqliteVisitWrites"/>); on PostgreSQL it is always part of the batch's statement.
/// </summary>
internal sealed partial class ClickBatchWriter(
    IServiceScopeFactory scopes, ClickEnricher enricher, ClickLiveFeed live, TimeProvider time,
    HopMetrics metrics, ILogger<ClickBatchWriter> logger, SqliteClickConnection? sqlite = null)
{
    public const string StoredCounter = "stored";
    public const string DuplicatesCounter = "duplicates";

    public Task<BatchResult> WriteAsync(IReadOnlyList<ClickEvent> events, CancellationToken ct) =>
        WriteAsync(events, moreWaiting: false, ct);

    /// <param name="events">The batch; may repeat events already stored.</param>
    /// <param name="moreWaiting">More events are queued behind this batch, so a SQLite roll-up may
    /// wait for them; false brings every counter up to date before this returns.</param>
    /// <param name="ct">Cancels the batch; nothing of it is then stored.</param>
    public async Task<BatchResult> WriteAsync(IReadOnlyList<ClickEvent> events, bool moreWaiting, CancellationToken ct)
    {
        var (stored, duplicates) = sqlite is null
            ? await WritePostgresAsync(events, ct)
            : await WriteSqliteAsync(sqlite, events, moreWaiting, ct);
        metrics.ClicksStored(stored.Count);
        if (duplicates > 0)
        {
            DuplicatesSkipped(logger, duplicates);
        }

        live.Publish(stored, time.GetUtcNow());
        return new BatchResult(stored.Count, duplicates);
    }

    private async Task<(List<EnrichedVisit> Stored, int Duplicates)> WritePostgresAsync(
        IReadOnlyList<ClickEvent> events, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClicksDbContext>();
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var unique = await EnrichAsync(events, connection, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var tx = transaction.GetDbTransaction();
        var stored = await PostgresVisitWrites.WriteAsync(connection, tx, unique, ct);
        var duplicates = events.Count - stored.Count;
        await BumpCountersAsync(connection, tx, stored.Count, duplicates, ct);
        await transaction.CommitAsync(ct);
        return (stored, duplicates);
    }

    private async Task<(List<EnrichedVisit> Stored, int Duplicates)> WriteSqliteAsync(
        SqliteClickConnection sqlite, IReadOnlyList<ClickEvent> events, bool moreWaiting, CancellationToken ct)
    {
        var connection = await sqlite.AcquireAsync(ct);
        var failed = true;
        try
        {
            var unique = await EnrichAsync(events, connection, ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var stored = SqliteVisitWrites.Write(connection, (SqliteTransaction)transaction, unique, rollUpNow: !moreWaiting);
            var duplicates = events.Count - stored.Count;
            await BumpCountersAsync(connection, transaction, stored.Count, duplicates, ct);
            await transaction.CommitAsync(ct);
            failed = false;
            return (stored, duplicates);
        }
        finally
        {
            sqlite.Release(failed);
        }
    }

    private async Task<List<EnrichedVisit>> EnrichAsync(
        IReadOnlyList<ClickEvent> events, DbConnection connection, CancellationToken ct)
    {
        var unique = new List<EnrichedVisit>(events.Count);
        var seen = new HashSet<Guid>(events.Count);
        foreach (var click in events)
        {
            if (seen.Add(click.EventId))
            {
                unique.Add(await enricher.EnrichAsync(click, connection, ct));
            }
        }

        return unique;
    }

    private static async Task BumpCountersAsync(
        DbConnection connection, DbTransaction tx, int stored, int duplicates, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO click_counters (name, value) VALUES (@stored, @storedCount), (@duplicates, @duplicateCount)
            ON CONFLICT (name) DO UPDATE SET value = click_counters.value + excluded.value
            """;
        command.AddParameter("@stored", StoredCounter);
        command.AddParameter("@storedCount", (long)stored);
        command.AddParameter("@duplicates", DuplicatesCounter);
        command.AddParameter("@duplicateCount", (long)duplicates);
        await command.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(EventId = 510, Level = LogLevel.Information, Message = "Skipped {Count} click event(s) already stored")]
    private static partial void DuplicatesSkipped(ILogger logger, int count);
}
