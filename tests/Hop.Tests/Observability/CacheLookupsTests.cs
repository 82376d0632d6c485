using Hop.Observability;

namespace Hop.Tests.Observability;

public sealed class CacheLookupsTests
{
    [Fact]
    public void The_hit_ratio_counts_both_levels_out_of_all_lookups()
    {
        var lookups = new CacheLookups(L1Hits: 6, L1Misses: 4, L2Hits: 2, L2Misses: 2, L2Errors: 0, DatabaseReads: 2, L1Entries: 5);
        Assert.Equal(10, lookups.Lookups);
        Assert.Equal(0.8, lookups.HitRatio!.Value, 6);
    }

    [Fact]
    public void There_is_no_ratio_before_the_first_lookup() =>
        Assert.Null(new CacheLookups(0, 0, 0, 0, 0, 0, 0).HitRatio);
}
