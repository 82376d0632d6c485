using BitFaster.Caching.Lru;

namespace Hop.Clicks.Writing;

/// <summary>
/// Daily visitors (link, UTC day, visitor hash) this process has seen committed in <c>daily_visitors</c>:
/// inserting one again would change nothing, so a write leaves them out. A link clicked again and again
/// by the same visitor then costs its visitor row once a day, not once a batch. Only committed rows are
/// remembered, and forgetting one costs no more than an insert that finds the row already there.
/// </summary>
internal sealed class KnownVisitors
{
    /// <summary>About 100 bytes each; enough for the visitors of a busy day's hot links.</summary>
    public const int Capacity = 200_000;

    private readonly ConcurrentLru<DailyVisitorKey, bool> _committed = new(Capacity);

    /// <summary>Leaves out of <paramref name="visitors"/> those already committed.</summary>
    public void RemoveKnown(HashSet<DailyVisitorKey> visitors) => visitors.RemoveWhere(v => _committed.TryGet(v, out _));

    /// <summary>Remembers <paramref name="visitors"/>, which a write has just committed.</summary>
    public void Remember(IEnumerable<DailyVisitorKey> visitors)
    {
        foreach (var visitor in visitors)
        {
            _committed.AddOrUpdate(visitor, true);
        }
    }
}
