namespace Hop.Clicks.Writing;

/// <summary>
/// Where <see cref="ClickBatchWriter"/> hands a write: one database's SQL for storing visits, with its
/// own connection and transaction. In that one transaction it records the ids of the batches not applied
/// before (<c>applied_batches</c>; the others are skipped whole), stores their raw visits
/// (<see cref="ClickOptions.RawVisits"/>), adds their <see cref="ClickAggregate"/> to the counters, one
/// row per distinct key in key order, and adds the write to <see cref="PipelineTotals"/>.
/// <see cref="SqliteVisitStore"/> or <see cref="PostgresVisitStore"/>, chosen once from the clicks
/// database's provider (ClickServices).
/// </summary>
internal interface IVisitStore
{
    /// <param name="write">The batches; some may have been applied already (a retry, a redelivery).</param>
    /// <param name="ct">Cancels the write; nothing of it is then stored.</param>
    /// <returns>What was new.</returns>
    Task<AppliedWrite> WriteAsync(ClickWrite write, CancellationToken ct);
}
