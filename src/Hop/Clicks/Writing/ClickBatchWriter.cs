using Hop.Observability;

namespace Hop.Clicks.Writing;

/// <summary>
/// Writes batches of click events, the same on every database: enriches the events
/// (<see cref="ClickEnricher"/>), looks up their links' owners (<see cref="LinkOwners"/>) and hands them
/// to the <see cref="IVisitStore"/>, which applies in one transaction every batch not applied before and
/// adds their counts, summed in memory (<see cref="ClickAggregate"/>). Then it counts the write in the
/// metrics and publishes the new visits to the <see cref="ClickLiveFeed"/>. Batches come from
/// <see cref="InProcessClickTransport"/> or, in <c>hop worker</c>, from <see cref="RabbitMqClickConsumer"/>.
/// </summary>
internal sealed partial class ClickBatchWriter(
    IVisitStore store, ClickEnricher enricher, LinkOwners owners, RawVisitSampler sampler, KnownVisitors knownVisitors,
    ClickLiveFeed live,
    TimeProvider time, HopMetrics metrics, ILogger<ClickBatchWriter> logger)
{
    /// <summary>Applies <paramref name="batches"/> in one transaction; a batch applied before changes nothing
    /// and its events count as duplicates.</summary>
    /// <param name="batches">Each under the id it keeps through every retry.</param>
    /// <param name="ct">Cancels the write; nothing of it is then stored.</param>
    public async Task<BatchResult> WriteAsync(IReadOnlyList<ClickBatch> batches, CancellationToken ct)
    {
        var enriched = new List<EnrichedBatch>(batches.Count);
        foreach (var batch in batches)
        {
            var visits = new EnrichedVisit[batch.Events.Count];
            for (var i = 0; i < visits.Length; i++)
            {
                visits[i] = await enricher.EnrichAsync(batch.Events[i], ct);
            }

            enriched.Add(new EnrichedBatch(batch.Id, visits));
        }

        var linkOwners = await owners.OfAsync(batches.SelectMany(b => b.Events).Select(e => e.LinkId), ct);
        var write = new ClickWrite(enriched, linkOwners, sampler, knownVisitors);
        write.Prepare();
        var applied = await store.WriteAsync(write, ct);
        knownVisitors.Remember(applied.Counters.Visitors);
        metrics.ClicksStored(applied.Visits.Count);
        if (applied.Duplicates > 0)
        {
            DuplicatesSkipped(logger, applied.Duplicates, batches.Count - applied.Batches.Count);
        }

        live.Publish(applied.Visits, time.GetUtcNow());
        return new BatchResult(applied.Visits.Count, applied.Duplicates);
    }

    [LoggerMessage(EventId = 550, Level = LogLevel.Information,
        Message = "Skipped {Count} click event(s) of {Batches} batch(es) applied before")]
    private static partial void DuplicatesSkipped(ILogger logger, int count, int batches);
}
