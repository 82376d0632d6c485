namespace Hop.Clicks.Writing;

/// <summary>
/// What <see cref="ClickBatchWriter"/> hands an <see cref="IVisitStore"/>: the batches, enriched, and
/// their links' owners. The store learns inside its transaction which batches are new
/// (<see cref="BatchIds"/> against <c>applied_batches</c>) and writes what <see cref="Apply"/> makes
/// of those.
/// </summary>
internal sealed class ClickWrite(
    IReadOnlyList<EnrichedBatch> batches, IReadOnlyDictionary<long, long?> owners, RawVisitSampler sampler,
    KnownVisitors knownVisitors)
{
    public IReadOnlyList<EnrichedBatch> Batches => batches;

    /// <summary>The batches' distinct ids in order, the order a store records them in.</summary>
    public Guid[] BatchIds { get; } = [.. batches.Select(b => b.Id).Distinct().Order()];

    /// <summary>The counters and raw rows of the batches whose ids are in <paramref name="newIds"/>, each
    /// id once; the others, and further copies of a batch in this write (a message and its redelivery
    /// taken together), count as duplicates. Daily visitors known to be stored already
    /// (<see cref="KnownVisitors"/>) are left out of the counters' visitor rows.</summary>
    public AppliedWrite Apply(IReadOnlySet<Guid> newIds) =>
        _prepared is { } prepared && newIds.Count == BatchIds.Length ? prepared : Compute(newIds);

    private AppliedWrite? _prepared;

    /// <summary>Computes beforehand what <see cref="Apply"/> gives when every batch is new, as almost
    /// always: outside the store's transaction, while another write may hold it.</summary>
    public void Prepare() => _prepared = Compute(BatchIds.ToHashSet());

    private AppliedWrite Compute(IReadOnlySet<Guid> newIds)
    {
        var taken = new HashSet<Guid>();
        var applied = batches.Where(b => newIds.Contains(b.Id) && taken.Add(b.Id)).ToList();
        List<EnrichedVisit> visits = [.. applied.SelectMany(b => b.Visits)];
        var (rows, sampleRate) = sampler.Choose(visits);
        var counters = ClickAggregate.Of(visits, owners);
        knownVisitors.RemoveKnown(counters.Visitors);
        return new AppliedWrite(
            applied, visits, counters, rows, sampleRate,
            Duplicates: batches.Sum(b => b.Visits.Count) - visits.Count);
    }
}

/// <summary>A batch of click events, enriched, under the batch's id.</summary>
internal sealed record EnrichedBatch(Guid Id, IReadOnlyList<EnrichedVisit> Visits);

/// <summary>The part of a <see cref="ClickWrite"/> that is new: its visits, their counters, the raw rows
/// to keep (each standing for <paramref name="SampleRate"/> visits), and the events skipped as duplicates.</summary>
internal sealed record AppliedWrite(
    IReadOnlyList<EnrichedBatch> Batches, IReadOnlyList<EnrichedVisit> Visits, ClickAggregate Counters,
    IReadOnlyList<EnrichedVisit> RawRows, short SampleRate, int Duplicates);
