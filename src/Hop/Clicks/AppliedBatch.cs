namespace Hop.Clicks;

/// <summary>A batch of click events whose counts are in the counters: recorded in the transaction that
/// adds them, so a batch delivered again (a retry, a broker's redelivery) changes nothing.</summary>
internal sealed class AppliedBatch
{
    public Guid BatchId { get; set; }
    public DateTime AppliedAt { get; set; }
}
