namespace Hop.Clicks.Writing;

/// <summary>Where batches of click events go from the in-process queue: the seam between the
/// single-node mode and the scaled-out one.</summary>
internal interface IClickTransport
{
    /// <summary>Returns once the batch is durable (committed, or confirmed by the broker); throws otherwise.</summary>
    Task SendAsync(IReadOnlyList<ClickEvent> batch, CancellationToken ct);
}
