namespace Hop.Clicks.Writing;

/// <summary>Single node: hands each batch to the <see cref="ClickBatchWriter"/> in this process. Two
/// batches are in flight, so that the next one is enriched and summed while the last one's statements
/// and commit run (the store writes one at a time): at the maximum cache-hot rate one batch after the
/// other could not keep up once the redirects had grown cheaper (README, "Clicks at full speed").</summary>
internal sealed class InProcessClickTransport(ClickBatchWriter writer) : IClickTransport
{
    public async Task SendAsync(ClickBatch batch, CancellationToken ct) => await writer.WriteAsync([batch], ct);

    public int InFlight => 2;
}
