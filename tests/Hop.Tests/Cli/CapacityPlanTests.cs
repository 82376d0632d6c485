using Hop.Cli;

namespace Hop.Tests.Cli;

public class CapacityPlanTests
{
    /// <summary>The README's worked example: 100 million new links a month, 100 reads each, 5 years.</summary>
    [Fact]
    public void The_worked_example_adds_up()
    {
        var plan = new CapacityPlan { LinksPerMonth = 100_000_000, ReadsPerLink = 100, Years = 5 };

        Assert.Equal(3_802, plan.AverageReadsPerSecond, 0);
        Assert.Equal(38_023, plan.PeakReadsPerSecond, 0);
        Assert.Equal(38.02, plan.AverageWritesPerSecond, 2);
        Assert.Equal(6_000_000_000, plan.TotalLinks);
        Assert.Equal(6e9 * 334, plan.LinkBytes);
        // 38,023 at the peak over half of 38,697 each.
        Assert.Equal(2, plan.Instances);
        Assert.Equal(2, plan.PeakBrokerMessagesPerSecond);

        var text = plan.Describe();
        Assert.Contains("redirects 3,802 average, 38,023 peak (10x the average)", text, StringComparison.Ordinal);
        Assert.Contains("6,000,000,000 links x 334 B (targets of 100 characters) = 2 TB", text, StringComparison.Ordinal);
        Assert.Contains("Instances: 2 x hop serve", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_site_needs_one_instance_and_a_larger_measured_rate_fewer()
    {
        var small = new CapacityPlan { LinksPerMonth = 1_000, ReadsPerLink = 50, Years = 1 };
        Assert.Equal(1, small.Instances);
        Assert.Equal(1, small.PeakBrokerMessagesPerSecond);

        var busy = new CapacityPlan { LinksPerMonth = 1_000_000_000, ReadsPerLink = 100, Years = 1 };
        Assert.Equal(20, busy.Instances);
        Assert.Equal(10, (busy with { MeasuredRps = 80_000 }).Instances);
    }

    [Theory]
    [InlineData(999, "999 B")]
    [InlineData(1_500, "1.5 KB")]
    [InlineData(2_004_000_000_000, "2 TB")]
    [InlineData(123_456_789, "123 MB")]
    public void Sizes_are_in_decimal_units(double bytes, string text) => Assert.Equal(text, CapacityPlan.Size(bytes));
}
