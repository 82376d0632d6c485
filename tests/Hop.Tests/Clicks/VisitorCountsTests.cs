using Hop.Clicks;

namespace Hop.Tests.Clicks;

public class VisitorCountsTests
{
    [Fact]
    public void Every_class_has_one_counter_in_the_order_of_the_classes_values()
    {
        Assert.Equal(Enum.GetValues<VisitorClass>(), VisitorCounts.Counters.Select(c => c.Class));
        Assert.Equal(
            [.. Enum.GetValues<VisitorClass>().Select(c => (int)c)],
            Enumerable.Range(0, VisitorCounts.Counters.Length));
    }

    [Fact]
    public void Each_counters_property_holds_the_visits_of_its_class_and_only_those()
    {
        foreach (var counter in VisitorCounts.Counters)
        {
            var counts = VisitorCounts.Of([counter.Class, counter.Class]);

            Assert.Equal(2, counts.Total);
            Assert.Equal(2, counts[counter.Class]);
            foreach (var other in VisitorCounts.Counters)
            {
                Assert.Equal(other == counter ? 2 : 0, Property(counts, other.Property));
            }
        }
    }

    [Fact]
    public void Counts_add_up_class_by_class_and_compare_by_value()
    {
        var sum = VisitorCounts.Of([VisitorClass.Human, VisitorClass.Bot])
                  + VisitorCounts.Of([VisitorClass.Human, VisitorClass.Prefetch, VisitorClass.MailScanner]);

        Assert.Equal(
            new VisitorCounts { Total = 5, Humans = 2, Bots = 1, Unfurlers = 0, MailScanners = 1, Prefetches = 1 },
            sum);
        Assert.Equal(VisitorCounts.None, VisitorCounts.None + VisitorCounts.None);
        Assert.NotEqual(VisitorCounts.None, sum);
    }

    private static long Property(VisitorCounts counts, string name) =>
        (long)typeof(VisitorCounts).GetProperty(name)!.GetValue(counts)!;
}
