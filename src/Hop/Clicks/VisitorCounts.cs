using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace Hop.Clicks;

/// <summary>
/// Visits by visitor class, with their total: what an hourly counter holds (<see cref="VisitCount"/>),
/// and the counts a stats bucket, the stats totals and a live message answer (records derived from
/// this one, so their JSON carries the counts as properties of their own). A class's count is named
/// here only, by its property and its row of <see cref="Counters"/>; the stored model, both databases'
/// SQL and the stats queries are built from those rows. A new class takes its value, a property and a
/// row here (and the last class in the length of <see cref="ByClass"/>), and a migration for its column.
/// </summary>
internal record VisitorCounts
{
    /// <summary>The column of <c>visit_counts</c> that stores <see cref="Total"/>.</summary>
    public const string TotalColumn = "total";

    /// <summary>Every class's count, in the order of the classes' values.</summary>
    public static ImmutableArray<VisitorCounter> Counters { get; } =
    [
        new(VisitorClass.Human, nameof(Humans), "humans"),
        new(VisitorClass.Bot, nameof(Bots), "bots"),
        new(VisitorClass.Unfurler, nameof(Unfurlers), "unfurlers"),
        new(VisitorClass.MailScanner, nameof(MailScanners), "mail_scanners"),
        new(VisitorClass.Prefetch, nameof(Prefetches), "prefetches"),
    ];

    public static VisitorCounts None { get; } = new();

    private readonly ByClass _byClass;

    public VisitorCounts()
    {
    }

    private VisitorCounts(long total, ByClass byClass)
    {
        Total = total;
        _byClass = byClass;
    }

    [JsonRequired]
    public long Total { get; init; }

    [JsonRequired]
    public long Humans { get => this[VisitorClass.Human]; init => _byClass[(int)VisitorClass.Human] = value; }

    [JsonRequired]
    public long Bots { get => this[VisitorClass.Bot]; init => _byClass[(int)VisitorClass.Bot] = value; }

    [JsonRequired]
    public long Unfurlers { get => this[VisitorClass.Unfurler]; init => _byClass[(int)VisitorClass.Unfurler] = value; }

    [JsonRequired]
    public long MailScanners { get => this[VisitorClass.MailScanner]; init => _byClass[(int)VisitorClass.MailScanner] = value; }

    [JsonRequired]
    public long Prefetches { get => this[VisitorClass.Prefetch]; init => _byClass[(int)VisitorClass.Prefetch] = value; }

    /// <summary>The visits of one class.</summary>
    public long this[VisitorClass visitorClass] => _byClass[(int)visitorClass];

    /// <summary>Counts one visit per element of <paramref name="visits"/>.</summary>
    public static VisitorCounts Of(IEnumerable<VisitorClass> visits)
    {
        var byClass = default(ByClass);
        var total = 0L;
        foreach (var visitorClass in visits)
        {
            byClass[(int)visitorClass]++;
            total++;
        }

        return new(total, byClass);
    }

    public static VisitorCounts operator +(VisitorCounts left, VisitorCounts right)
    {
        var byClass = left._byClass;
        for (var i = 0; i < Counters.Length; i++)
        {
            byClass[i] += right._byClass[i];
        }

        return new(left.Total + right.Total, byClass);
    }

    /// <summary>One count per class, at the class's value.</summary>
    [InlineArray((int)VisitorClass.Prefetch + 1)]
    private struct ByClass : IEquatable<ByClass>
    {
        private long _count;

        public readonly bool Equals(ByClass other) => ((ReadOnlySpan<long>)this).SequenceEqual(other);

        public override readonly bool Equals(object? obj) => obj is ByClass other && Equals(other);

        public override readonly int GetHashCode()
        {
            var hash = default(HashCode);
            hash.AddBytes(MemoryMarshal.AsBytes((ReadOnlySpan<long>)this));
            return hash.ToHashCode();
        }
    }
}
