using System.Collections.Concurrent;

namespace Hop.Safety.Blocklist;

/// <summary>
/// Every blocklist entry in memory, so checking a target costs microseconds and no database round trip.
/// Domains are found by walking the host up its parent domains (<c>a.b.evil.com</c>, <c>b.evil.com</c>,
/// <c>evil.com</c>, <c>com</c>) with span lookups that allocate nothing per label; exact URLs are a
/// second set. Reads take no lock; <see cref="BlocklistSync"/> keeps the sets in step with the database.
/// </summary>
internal sealed class BlocklistIndex
{
    private Sets _sets = new(0);
    private readonly ConcurrentDictionary<string, string> _reasons = new(StringComparer.Ordinal);
    private long _maxId;

    /// <summary>Entries held, domains and URLs together.</summary>
    public int Count
    {
        get
        {
            var sets = Volatile.Read(ref _sets);
            return sets.Domains.Count + sets.Urls.Count;
        }
    }

    /// <summary>The highest entry id held: entries added since are the rows above it.</summary>
    public long MaxId => Interlocked.Read(ref _maxId);

    /// <summary>
    /// The entry matching <paramref name="host"/> (itself or a parent domain) or the exact <paramref name="url"/>;
    /// null when none does. A Block entry wins over a Review one wherever each sits.
    /// </summary>
    public BlocklistMatch? Match(string host, string url)
    {
        var sets = Volatile.Read(ref _sets);
        Hit review = default;
        string? reviewKey = null;
        var span = host.AsSpan();
        if (span.EndsWith('.'))
        {
            span = span[..^1];
        }

        if (sets.Domains.Count > 0)
        {
            while (!span.IsEmpty)
            {
                if (sets.DomainLookup.TryGetValue(span, out var key, out var hit))
                {
                    if (hit.Action == BlocklistAction.Block)
                    {
                        return new BlocklistMatch(hit.Id, key, hit.Action, hit.Reason);
                    }

                    if (reviewKey is null)
                    {
                        (review, reviewKey) = (hit, key);
                    }
                }

                var dot = span.IndexOf('.');
                if (dot < 0)
                {
                    break;
                }

                span = span[(dot + 1)..];
            }
        }

        if (sets.Urls.Count > 0 && sets.Urls.TryGetValue(url, out var exact)
            && (exact.Action == BlocklistAction.Block || reviewKey is null))
        {
            return new BlocklistMatch(exact.Id, url, exact.Action, exact.Reason);
        }

        return reviewKey is null ? null : new BlocklistMatch(review.Id, reviewKey, review.Action, review.Reason);
    }

    /// <summary>Adds (or replaces) an entry; <paramref name="value"/> is normalized (<see cref="BlocklistValues"/>).</summary>
    public void Add(long id, string value, BlocklistKind kind, BlocklistAction action, string? reason) =>
        Add(Volatile.Read(ref _sets), id, value, kind, action, reason);

    public void Remove(string value, BlocklistKind kind)
    {
        var sets = Volatile.Read(ref _sets);
        (kind == BlocklistKind.Domain ? sets.Domains : sets.Urls).TryRemove(value, out _);
    }

    /// <summary>Swaps in a complete set of entries at once, so a reader sees the old set or the new one, never a mix.</summary>
    public void ReplaceAll(IEnumerable<(long Id, string Value, BlocklistKind Kind, BlocklistAction Action, string? Reason)> entries, int expected)
    {
        var sets = new Sets(expected);
        long max = 0;
        foreach (var (id, value, kind, action, reason) in entries)
        {
            Add(sets, id, value, kind, action, reason, trackMax: false);
            max = Math.Max(max, id);
        }

        Volatile.Write(ref _sets, sets);
        Interlocked.Exchange(ref _maxId, max);
    }

    private void Add(Sets sets, long id, string value, BlocklistKind kind, BlocklistAction action, string? reason, bool trackMax = true)
    {
        // Imports give thousands of entries one reason: each distinct text is held once.
        var shared = reason is null ? null : _reasons.GetOrAdd(reason, reason);
        (kind == BlocklistKind.Domain ? sets.Domains : sets.Urls)[value] = new Hit(id, action, shared);
        if (!trackMax)
        {
            return;
        }

        for (var max = MaxId; id > max; max = MaxId)
        {
            if (Interlocked.CompareExchange(ref _maxId, id, max) == max)
            {
                break;
            }
        }
    }

    private readonly record struct Hit(long Id, BlocklistAction Action, string? Reason);

    private sealed class Sets
    {
        public Sets(int capacity)
        {
            Domains = new ConcurrentDictionary<string, Hit>(Environment.ProcessorCount, Math.Max(capacity, 31), StringComparer.Ordinal);
            Urls = new ConcurrentDictionary<string, Hit>(StringComparer.Ordinal);
            DomainLookup = Domains.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public ConcurrentDictionary<string, Hit> Domains { get; }
        public ConcurrentDictionary<string, Hit>.AlternateLookup<ReadOnlySpan<char>> DomainLookup { get; }
        public ConcurrentDictionary<string, Hit> Urls { get; }
    }
}
