using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Hop.Clicks.Writing;

/// <summary>
/// The counter increments of a write, summed in memory: one entry per distinct key of each counter
/// table, however many visits share it, so what an <see cref="IVisitStore"/> writes grows with the
/// batch's links, hours and visitor profiles, not with its clicks. Every visit is folded once into its
/// link's hourly counts, profile, route and daily visitor; the account-wide entries are then folded from
/// those (a visit counts for its link's owner and for <see cref="StatsAccount.AllLinks"/>,
/// <see cref="AccountsOf"/>), through the profiles summed per owner first, so that a batch over many
/// links folds each owner's few combinations rather than every link's. The per-link daily and hourly
/// entries compaction would otherwise fill are folded only for the compacted days and hours a store asks
/// for (<see cref="LinkDays"/>), which are usually none. Counts are arrays in the order of
/// <see cref="VisitCountSql.Columns"/>.
/// </summary>
internal sealed class ClickAggregate
{
    private readonly IReadOnlyDictionary<long, long?> _owners;

    private ClickAggregate(IReadOnlyDictionary<long, long?> owners) => _owners = owners;

    /// <summary>Per link and UTC hour: the counts of <c>visit_counts</c>.</summary>
    public Dictionary<(long LinkId, DateTime Hour), long[]> Hours { get; } = [];

    /// <summary>Per link, hour and combination: the counts of <c>visit_profiles</c>.</summary>
    public Dictionary<ProfileKey, long> Profiles { get; } = [];

    /// <summary>The distinct (link, UTC day, visitor hash) of <c>daily_visitors</c>.</summary>
    public HashSet<DailyVisitorKey> Visitors { get; } = [];

    /// <summary>Per link, hour and rule or variant (never the target): the counts of <c>visit_routes</c>.</summary>
    public Dictionary<(long LinkId, DateTime Hour, short Route), long> Routes { get; } = [];

    /// <summary>Per account and hour: the counts of <c>account_counts</c>.</summary>
    public Dictionary<(long AccountId, DateTime Hour), long[]> AccountHours { get; } = [];

    /// <summary>Per account, hour, dimension and value: <c>account_dimensions</c>.</summary>
    public Dictionary<(long AccountId, DateTime Hour, StatsDimension Dimension, string Value), long> AccountDimensions { get; } = [];

    /// <summary>Per account, day, dimension and value: <c>account_dimension_days</c>.</summary>
    public Dictionary<(long AccountId, DateOnly Day, StatsDimension Dimension, string Value), long> AccountDimensionDays { get; } = [];

    /// <summary>Visits counted (every visit of the applied batches).</summary>
    public int Visits { get; private set; }

    /// <summary>Folds <paramref name="visits"/>; <paramref name="owners"/> holds the owner of each of their links.</summary>
    public static ClickAggregate Of(IEnumerable<EnrichedVisit> visits, IReadOnlyDictionary<long, long?> owners)
    {
        var aggregate = new ClickAggregate(owners);
        foreach (var visit in visits)
        {
            aggregate.Add(visit);
        }

        aggregate.FoldAccounts();
        return aggregate;
    }

    /// <summary>The link's owner, or null when it has none.</summary>
    public long? OwnerOf(long linkId) => _owners.GetValueOrDefault(linkId);

    /// <summary>The accounts a visit of <paramref name="linkId"/> counts for: its owner, if any, and every link's.</summary>
    public IEnumerable<long> AccountsOf(long linkId) => AccountsOf(OwnerOf(linkId));

    private static IEnumerable<long> AccountsOf(long? owner) => owner is { } id ? [id, StatsAccount.AllLinks] : [StatsAccount.AllLinks];

    /// <summary>The per-account and per-link unique visitors that <paramref name="newVisitors"/> (the
    /// <c>daily_visitors</c> rows the write added) bring: counts per (account, day) and per (link, day).</summary>
    public (Dictionary<(long AccountId, DateOnly Day), long> Accounts, Dictionary<(long LinkId, DateOnly Day), long> Links)
        NewVisitorCounts(IEnumerable<DailyVisitorKey> newVisitors)
    {
        var links = new Dictionary<(long, DateOnly), long>();
        foreach (var visitor in newVisitors)
        {
            Increment(links, (visitor.LinkId, visitor.Day), 1);
        }

        var accounts = new Dictionary<(long, DateOnly), long>();
        foreach (var ((linkId, day), count) in links)
        {
            foreach (var account in AccountsOf(linkId))
            {
                Increment(accounts, (account, day), count);
            }
        }

        return (accounts, links);
    }

    private void Add(EnrichedVisit visit)
    {
        Visits++;
        var hour = Hour(visit.OccurredAt);
        AddCounts(Hours, (visit.LinkId, hour), visit.Agent.Class, 1);
        Increment(Profiles, new ProfileKey(
            visit.LinkId, hour, visit.ReferrerHost ?? VisitProfile.Direct, VisitColumns.Browser(visit),
            VisitColumns.Os(visit), VisitColumns.Device(visit), visit.Country ?? VisitProfile.Unknown), 1);
        Visitors.Add(new DailyVisitorKey(visit.LinkId, DateOnly.FromDateTime(hour), visit.VisitorHash));
        if (visit.Route != ClickRoute.Target)
        {
            Increment(Routes, (visit.LinkId, hour, visit.Route), 1);
        }
    }

    /// <summary>Per link and day, of the days <paramref name="compacted"/> covers: the totals of <c>link_days</c>.</summary>
    public Dictionary<(long LinkId, DateOnly Day), long> LinkDays(CompactionWatermarks compacted)
    {
        var days = new Dictionary<(long, DateOnly), long>();
        foreach (var ((linkId, hour), counts) in Hours)
        {
            var day = DateOnly.FromDateTime(hour);
            if (compacted.Compacted(day))
            {
                Increment(days, (linkId, day), counts[0]);
            }
        }

        return days;
    }

    /// <summary>Per link, day, dimension and value, of the days <paramref name="compacted"/> covers:
    /// <c>link_dimension_days</c>.</summary>
    public Dictionary<(long LinkId, DateOnly Day, StatsDimension Dimension, string Value), long> LinkDimensionDays(CompactionWatermarks compacted) =>
        LinkDimensions(
            p => compacted.Compacted(DateOnly.FromDateTime(p.Hour)),
            (p, dimension, value) => (p.LinkId, DateOnly.FromDateTime(p.Hour), dimension, value));

    /// <summary>Per link, hour, dimension and value, of the hours <paramref name="compacted"/> covers:
    /// <c>link_dimension_hours</c>.</summary>
    public Dictionary<(long LinkId, DateTime Hour, StatsDimension Dimension, string Value), long> LinkDimensionHours(CompactionWatermarks compacted) =>
        LinkDimensions(p => compacted.Compacted(p.Hour), (p, dimension, value) => (p.LinkId, p.Hour, dimension, value));

    /// <summary>The profiles <paramref name="included"/> picks, split into their dimension values and summed per <paramref name="key"/>.</summary>
    private Dictionary<TKey, long> LinkDimensions<TKey>(Func<ProfileKey, bool> included, Func<ProfileKey, StatsDimension, string, TKey> key)
        where TKey : notnull
    {
        var rows = new Dictionary<TKey, long>();
        foreach (var (profile, count) in Profiles.Where(p => included(p.Key)))
        {
            foreach (var (dimension, value) in profile.Dimensions())
            {
                Increment(rows, key(profile, dimension, value), count);
            }
        }

        return rows;
    }

    private void FoldAccounts()
    {
        var ownerHours = new Dictionary<(long? Owner, DateTime Hour), long[]>();
        foreach (var ((linkId, hour), counts) in Hours)
        {
            AddCounts(ownerHours, (OwnerOf(linkId), hour), counts);
        }

        foreach (var ((owner, hour), counts) in ownerHours)
        {
            foreach (var account in AccountsOf(owner))
            {
                AddCounts(AccountHours, (account, hour), counts);
            }
        }

        // The profiles with the owner in the link's place.
        var ownerProfiles = new Dictionary<(long? Owner, ProfileKey Profile), long>();
        foreach (var (profile, count) in Profiles)
        {
            Increment(ownerProfiles, (OwnerOf(profile.LinkId), profile with { LinkId = 0 }), count);
        }

        foreach (var ((owner, profile), count) in ownerProfiles)
        {
            var day = DateOnly.FromDateTime(profile.Hour);
            foreach (var (dimension, value) in profile.Dimensions())
            {
                foreach (var account in AccountsOf(owner))
                {
                    Increment(AccountDimensions, (account, profile.Hour, dimension, value), count);
                    Increment(AccountDimensionDays, (account, day, dimension, value), count);
                }
            }
        }
    }

    private static DateTime Hour(DateTime at) =>
        new(at.Ticks - at.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc);

    private static void Increment<TKey>(Dictionary<TKey, long> counts, TKey key, long by)
        where TKey : notnull
    {
        CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _) += by;
    }

    private static void AddCounts<TKey>(Dictionary<TKey, long[]> rows, TKey key, VisitorClass visitorClass, long by)
        where TKey : notnull
    {
        var counts = Row(rows, key);
        counts[0] += by;
        counts[1 + (int)visitorClass] += by;
    }

    private static void AddCounts<TKey>(Dictionary<TKey, long[]> rows, TKey key, long[] by)
        where TKey : notnull
    {
        var counts = Row(rows, key);
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] += by[i];
        }
    }

    /// <summary>The total, then one count per class in the order of their values (and of <see cref="VisitorCounts.Counters"/>).</summary>
    private static long[] Row<TKey>(Dictionary<TKey, long[]> rows, TKey key)
        where TKey : notnull
    {
        ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(rows, key, out _);
        return counts ??= new long[VisitCountSql.Columns.Count];
    }
}

/// <summary>The key of a <see cref="VisitProfile"/> row.</summary>
internal readonly record struct ProfileKey(
    long LinkId, DateTime Hour, string Referrer, string Browser, string Os, string Device, string Country)
{
    /// <summary>The value of each dimension a top list ranks.</summary>
    public IEnumerable<(StatsDimension Dimension, string Value)> Dimensions() =>
    [
        (StatsDimension.Referrer, Referrer), (StatsDimension.Browser, Browser), (StatsDimension.Os, Os),
        (StatsDimension.Device, Device), (StatsDimension.Country, Country),
    ];
}

/// <summary>The key of a <see cref="DailyVisitor"/> row; equal hashes are equal by content.</summary>
internal readonly struct DailyVisitorKey(long linkId, DateOnly day, byte[] visitorHash) : IEquatable<DailyVisitorKey>
{
    public long LinkId { get; } = linkId;
    public DateOnly Day { get; } = day;
    public byte[] VisitorHash { get; } = visitorHash;

    public bool Equals(DailyVisitorKey other) =>
        LinkId == other.LinkId && Day == other.Day && VisitorHash.AsSpan().SequenceEqual(other.VisitorHash);

    public override bool Equals(object? obj) => obj is DailyVisitorKey other && Equals(other);

    /// <summary>The visitor hash is a SHA-256, as good as random already: its first eight bytes stand for it.</summary>
    public override int GetHashCode() =>
        HashCode.Combine(LinkId, Day, VisitorHash.Length >= sizeof(long) ? BinaryPrimitives.ReadInt64LittleEndian(VisitorHash) : 0);
}
