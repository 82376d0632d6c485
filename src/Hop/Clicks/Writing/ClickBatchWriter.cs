using Hop.Observability;

namespace Hop.Clicks.Writing;

/// <summary>
/// Writes a batch of click events, the same on every database: drops the events the batch repeats,
/// enriches the rest (<see cref="ClickEnricher"/>) and hands them to the <see cref="IVisitStore"/>,
/// which stores the new visits and counts them into the hourly counters in one transaction. Then it
/// counts the batch in the metrics and publishes the new visits to the <see cref="ClickLiveFeed"/>.
/// Batches come from <see cref="InProcessClickTransport"/> or, in <c>hop worker</c>, from
/// <see cref="RabbitMqClickConsumer"/>.
/// </summary>
internal sealed partial class ClickBatchWriter(
    IVisitStore store, ClickEnricher enricher, ClickLiveFeed live, TimeProvider time, HopMetrics metrics,
    ILogger<ClickBatchWriter> logger)
{
    public Task<BatchResult> WriteAsync(IReadOnlyList<ClickEvent> events, CancellationToken ct) =>
        WriteAsync(events, moreWaiting: false, ct);

    /// <summary>Applies <paramref name="batches"/> in one transaction; a batch applied before changes nothing.</summary>
    public Task<BatchResult> WriteAsync(IReadOnlyList<ClickBatch> batches, CancellationToken ct) =>
        WriteAsync([.. batches.SelectMany(b => b.Events)], moreWaiting: false, ct);

    /// <param name="events">The batch; may repeat events already stored.</param>
    /// <param name="moreWaiting">More events are queued behind this batch, so the store's counters may
    /// wait for them; false brings every counter up to date before this returns.</param>
    /// <param name="ct">Cancels the batch; nothing of it is then stored.</param>
    public async Task<BatchResult> WriteAsync(IReadOnlyList<ClickEvent> events, bool moreWaiting, CancellationToken ct)
    {
        var visits = await EnrichAsync(events, ct);
        var stored = await store.WriteAsync(visits, events.Count, moreWaiting, ct);
        var duplicates = events.Count - stored.Count;
        metrics.ClicksStored(stored.Count);
        if (duplicates > 0)
        {
            DuplicatesSkipped(logger, duplicates);
        }

        live.Publish(stored, time.GetUtcNow());
        return new BatchResult(stored.Count, duplicates);
    }

    private async Task<List<EnrichedVisit>> EnrichAsync(IReadOnlyList<ClickEvent> events, CancellationToken ct)
    {
        var unique = new List<EnrichedVisit>(events.Count);
        var seen = new HashSet<Guid>(events.Count);
        foreach (var click in events)
        {
            if (seen.Add(click.EventId))
            {
                unique.Add(await enricher.EnrichAsync(click, ct));
            }
        }

        return unique;
    }

    [LoggerMessage(EventId = 510, Level = LogLevel.Information, Message = "Skipped {Count} click event(s) already stored")]
    private static partial void DuplicatesSkipped(ILogger logger, int count);
}
