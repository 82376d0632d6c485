namespace Hop.Clicks.Stats;

/// <summary>The click pipeline's books: received = stored + duplicates-free drops + what is still queued.</summary>
internal sealed record ClickAccountingResponse
{
    public required string Transport { get; init; }
    /// <summary>Events this instance's redirects produced since it started.</summary>
    public required long Received { get; init; }
    /// <summary>Events this instance dropped (queue full, or unsent at shutdown) since it started, plus
    /// <see cref="Unreadable"/>.</summary>
    public required long Dropped { get; init; }
    /// <summary>Events in broker messages a worker could not read and dropped, over all workers, ever.</summary>
    public required long Unreadable { get; init; }
    /// <summary>Events this instance handed on: committed (in-process) or confirmed by the broker.</summary>
    public required long Sent { get; init; }
    /// <summary>Events waiting in this instance's queue or in the batch being sent.</summary>
    public required long QueueDepth { get; init; }
    /// <summary>Visits stored, over all instances and workers, ever.</summary>
    public required long Stored { get; init; }
    /// <summary>Redelivered events skipped because their id was already stored, ever.</summary>
    public required long Duplicates { get; init; }
}
