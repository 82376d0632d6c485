using Hop.Clicks.Writing;
using Hop.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hop.Clicks.Stats;

/// <summary>The click pipeline's books as the admin API and the status page show them.</summary>
internal static class ClickAccounting
{
    public static async Task<ClickAccountingResponse> ReadAsync(
        ClickQueue queue, ClicksDbContext clicks, IOptions<ClickOptions> options, CancellationToken ct)
    {
        var counters = await clicks.ClickCounters.AsNoTracking()
            .Where(c => c.Name == PipelineTotals.Stored || c.Name == PipelineTotals.Duplicates
                        || c.Name == UnreadableClicks.Counter)
            .ToDictionaryAsync(c => c.Name, c => c.Value, ct);
        return new ClickAccountingResponse
        {
            Transport = options.Value.Transport.ToString(),
            Received = queue.Received,
            Dropped = queue.Dropped + counters.GetValueOrDefault(UnreadableClicks.Counter),
            Unreadable = counters.GetValueOrDefault(UnreadableClicks.Counter),
            Sent = queue.Sent,
            QueueDepth = queue.Depth,
            Stored = counters.GetValueOrDefault(PipelineTotals.Stored),
            Duplicates = counters.GetValueOrDefault(PipelineTotals.Duplicates),
        };
    }
}
