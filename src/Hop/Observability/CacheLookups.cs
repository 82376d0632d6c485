namespace Hop.Observability;

/// <summary>The link cache's counters in this process: lookups by level and result, database reads, and the entries held.</summary>
internal sealed record CacheLookups(long L1Hits, long L1Misses, long L2Hits, long L2Misses, long L2Errors, long DatabaseReads, long L1Entries)
{
    public long Lookups => L1Hits + L1Misses;

    /// <summary>Lookups answered by either cache level, out of all; null before the first lookup.</summary>
    public double? HitRatio => Lookups == 0 ? null : (double)(L1Hits + L2Hits) / Lookups;
}
