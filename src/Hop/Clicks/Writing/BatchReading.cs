using System.Threading.Channels;

namespace Hop.Clicks.Writing;

internal static class BatchReading
{
    /// <summary>
    /// Fills <paramref name="batch"/> until it holds <paramref name="max"/> items or
    /// <paramref name="flushInterval"/> has passed since the first one. Returns false when the reader
    /// is completed and nothing was read.
    /// </summary>
    public static async Task<bool> ReadBatchAsync<T>(
        this ChannelReader<T> reader, List<T> batch, int max, TimeSpan flushInterval, TimeProvider time,
        CancellationToken ct)
    {
        if (!await reader.WaitToReadAsync(ct))
        {
            return false;
        }

        var deadline = time.GetUtcNow() + flushInterval;
        while (batch.Count < max)
        {
            while (batch.Count < max && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            var remaining = deadline - time.GetUtcNow();
            if (batch.Count >= max || remaining <= TimeSpan.Zero)
            {
                break;
            }

            using var timeout = new CancellationTokenSource(remaining, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            try
            {
                if (!await reader.WaitToReadAsync(linked.Token))
                {
                    break;
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                break;
            }
        }

        return batch.Count > 0;
    }
}
