namespace Hop.Clicks;

/// <summary>
/// Click events that travel and are applied together, under one id: the unit of exactly-once
/// counting. The pump gives each batch it takes from the queue a new id and keeps it through every
/// retry; over RabbitMQ a batch is one message. The writer records the id of every batch it applies
/// (<see cref="AppliedBatch"/>) in the transaction that counts it.
/// </summary>
internal sealed record ClickBatch(Guid Id, IReadOnlyList<ClickEvent> Events);
