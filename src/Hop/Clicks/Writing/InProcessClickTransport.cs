namespace Hop.Clicks.Writing;

/// <summary>Single node: the batch writer runs in this process.</summary>
internal sealed class InProcessClickTransport(ClickBatchWriter writer, ClickQueue queue) : IClickTransport
{
    public Task SendAsync(IReadOnlyList<ClickEvent> batch, CancellationToken ct) =>
        writer.WriteAsync(batch, moreWaiting: queue.Reader.Count > 0, ct);
}
