namespace Hop.Clicks.Writing;

/// <summary>Single node: hands each batch to the <see cref="ClickBatchWriter"/> in this process, telling
/// it whether more events wait in the queue.</summary>
internal sealed class InProcessClickTransport(ClickBatchWriter writer, ClickQueue queue) : IClickTransport
{
    public Task SendAsync(IReadOnlyList<ClickEvent> batch, CancellationToken ct) =>
        writer.WriteAsync(batch, moreWaiting: queue.Reader.Count > 0, ct);
}
