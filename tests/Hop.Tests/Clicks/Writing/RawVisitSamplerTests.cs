using Hop.Clicks;
using Hop.Clicks.Writing;
using Microsoft.Extensions.Options;

namespace Hop.Tests.Clicks.Writing;

/// <summary>Clicks:RawVisits picks the raw rows: all, none, or one visit in N counted across writes.</summary>
public class RawVisitSamplerTests
{
    private static readonly UserAgentInfo Agent = new(VisitorClass.Human, "Chrome", "Windows", "Desktop");

    [Fact]
    public void Sample_keeps_every_nth_visit_across_writes_and_says_how_many_each_row_stands_for()
    {
        var sampler = Sampler(RawVisitMode.Sample, rate: 10);
        var writes = Enumerable.Range(0, 3).Select(w => Visits(7, first: w * 7)).ToList();

        var chosen = writes.Select(sampler.Choose).ToList();

        // Running numbers 0, 10 and 20 of 21 visits.
        Assert.Equal([[0], [10], [20]], chosen.Select(c => c.Rows.Select(v => v.Route).Select(r => (int)r).ToArray()));
        Assert.All(chosen, c => Assert.Equal(10, c.SampleRate));
    }

    [Fact]
    public void All_keeps_every_visit_as_itself_and_off_keeps_none()
    {
        var visits = Visits(5, first: 0);

        var all = Sampler(RawVisitMode.All, rate: 100).Choose(visits);
        var off = Sampler(RawVisitMode.Off, rate: 100).Choose(visits);

        Assert.Equal((5, (short)1), (all.Rows.Count, all.SampleRate));
        Assert.Empty(off.Rows);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(10_000, true)]
    [InlineData(10_001, false)]
    public void The_sample_rate_is_between_2_and_10000(int rate, bool valid)
    {
        var options = new ClickOptions { RawVisits = RawVisitMode.Sample, RawVisitSampleRate = rate };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options));

        Assert.Equal(valid, !errors.Any(e => e.MemberNames.Contains(nameof(ClickOptions.RawVisitSampleRate))));
    }

    private static RawVisitSampler Sampler(RawVisitMode mode, int rate) =>
        new(Options.Create(new ClickOptions { RawVisits = mode, RawVisitSampleRate = rate }));

    /// <summary>Visits whose route is their running number, to tell them apart.</summary>
    private static List<EnrichedVisit> Visits(int count, int first) =>
    [
        .. Enumerable.Range(first, count).Select(i => new EnrichedVisit
        {
            LinkId = 1, OccurredAt = DateTime.UtcNow, ReferrerHost = null, Agent = Agent, Country = null,
            VisitorHash = [1], Route = (short)i,
        }),
    ];
}
