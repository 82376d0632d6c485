namespace Hop.Clicks.Writing;

/// <summary>Single node: hands each batch to the <see cref="ClickBatchWriter"/> in this process.</summary>
internal sealed class InProcessClickTransport(ClickBatchWriter writer) : IClickTransport
{
    public async Task SendAsync(ClickBatch batch, CancellationToken ct) => await writer.WriteAsync([batch], ct);
}
