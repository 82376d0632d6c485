namespace Hop.Clicks.Writing;

/// <summary>
/// Where <see cref="ClickBatchWriter"/> hands a batch: one database's SQL for storing visits, with its
/// own connection and transaction. In that one transaction it stores the visits not stored yet, counts
/// them into the hourly counters (<see cref="VisitCount"/>), visit profiles and daily visitors, and
/// adds the batch to <see cref="PipelineTotals"/>. <see cref="SqliteVisitStore"/> or
/// <see cref="PostgresVisitStore"/>, chosen once from the clicks database's provider (ClickServices).
/// </summary>
internal interface IVisitStore
{
    /// <param name="visits">The batch's distinct events, enriched; a redelivered one may be stored already.</param>
    /// <param name="events">Events the batch held, repeats included: every one not stored counts as a duplicate.</param>
    /// <param name="moreWaiting">More events are queued behind this batch, so the counters may wait for
    /// a later batch; false brings every counter up to date before this returns.</param>
    /// <param name="ct">Cancels the batch; nothing of it is then stored.</param>
    /// <returns>The visits that were new.</returns>
    Task<IReadOnlyList<EnrichedVisit>> WriteAsync(
        IReadOnlyList<EnrichedVisit> visits, int events, bool moreWaiting, CancellationToken ct);
}
