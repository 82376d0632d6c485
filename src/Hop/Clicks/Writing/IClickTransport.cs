namespace Hop.Clicks.Writing;

/// <summary>Where <see cref="ClickPump"/> sends each batch: the seam between the single-node mode
/// (<see cref="InProcessClickTransport"/>, on to the <see cref="ClickBatchWriter"/>) and the scaled-out
/// one (<see cref="RabbitMqClickTransport"/>, on to <c>hop worker</c>'s
/// <see cref="RabbitMqClickConsumer"/>). Chosen once from <see cref="ClickOptions.Transport"/>.</summary>
internal interface IClickTransport
{
    /// <summary>Returns once the batch is durable (committed, or confirmed by the broker); throws otherwise.
    /// The pump sends a failed batch again with the same id, so a batch that was durable after all
    /// counts once.</summary>
    Task SendAsync(ClickBatch batch, CancellationToken ct);

    /// <summary>Batches the pump may have in <see cref="SendAsync"/> at once.</summary>
    int InFlight => 1;
}
