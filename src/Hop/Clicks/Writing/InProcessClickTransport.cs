namespace Hop.Clicks.Writing;

/// <summary>Single node: hands each batch to the <see cref="ClickBatchWriter"/> in this process.</summary>
internal sealed class InProcessClickTransport(ClickBatchWriter writer) : IClickTransport
{
    public Task SendAsync(IReadOnlyList<ClickEvent> batch, CancellationToken ct) =>
        writer.WriteAsync([new ClickBatch(Guid.CreateVersion7(), batch)], ct);
}
