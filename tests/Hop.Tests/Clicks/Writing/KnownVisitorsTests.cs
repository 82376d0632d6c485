using Hop.Clicks.Writing;

namespace Hop.Tests.Clicks.Writing;

public class KnownVisitorsTests
{
    private static readonly DateOnly Day = new(2026, 12, 1);

    [Fact]
    public void Only_visitors_remembered_as_committed_are_left_out_compared_by_their_hash_bytes()
    {
        var known = new KnownVisitors();
        known.Remember([new DailyVisitorKey(1, Day, [1, 2, 3])]);
        // Equal values in other arrays: the same visitor; another link, day or hash: not known.
        HashSet<DailyVisitorKey> visitors =
        [
            new(1, Day, [1, 2, 3]),
            new(2, Day, [1, 2, 3]),
            new(1, Day.AddDays(1), [1, 2, 3]),
            new(1, Day, [1, 2, 4]),
        ];

        known.RemoveKnown(visitors);

        Assert.Equal(3, visitors.Count);
        Assert.DoesNotContain(new DailyVisitorKey(1, Day, [1, 2, 3]), visitors);
    }

    [Fact]
    public void Nothing_is_left_out_before_anything_is_remembered()
    {
        HashSet<DailyVisitorKey> visitors = [new(1, Day, [9])];

        new KnownVisitors().RemoveKnown(visitors);

        Assert.Single(visitors);
    }
}
