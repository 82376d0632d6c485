using Hop.Clicks;
using Hop.Clicks.Writing;

namespace Hop.Tests.Clicks.Writing;

/// <summary>A write's counters are summed in memory to one entry per distinct key, however many clicks share it.</summary>
public class ClickAggregateTests
{
    private static readonly DateTime Start = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    private static readonly UserAgentInfo[] Agents =
    [
        new(VisitorClass.Human, "Chrome", "Windows", "Desktop"),
        new(VisitorClass.Human, "Safari", "iOS", "Mobile"),
        new(VisitorClass.Unfurler, "Slackbot", "Other", "Other"),
        new(VisitorClass.Bot, "curl", "Other", "Other"),
    ];

    /// <summary>Links 1 and 2 are user 7's, link 3 has no owner.</summary>
    private static readonly Dictionary<long, long?> Owners = new() { [1] = 7, [2] = 7, [3] = null };

    [Fact]
    public void Fifty_thousand_clicks_over_three_links_become_a_few_dozen_keys()
    {
        const int clicks = 50_000;
        var visits = Enumerable.Range(0, clicks).Select(i => Visit(
            linkId: 1 + i % 3, at: Start.AddMinutes(i % 120), Agents[i / 3 % 4], visitor: i % 10,
            referrer: i / 12 % 2 == 0 ? "news.example" : null, route: i % 5 == 0 ? ClickRoute.Rule(0) : ClickRoute.Target)).ToList();

        var aggregate = ClickAggregate.Of(visits, Owners);

        Assert.Equal(clicks, aggregate.Visits);
        // 3 links × 2 hours.
        Assert.Equal(6, aggregate.Hours.Count);
        Assert.Equal(clicks, aggregate.Hours.Values.Sum(c => c[0]));
        Assert.Equal(visits.Count(v => v.Agent.Class == VisitorClass.Unfurler), aggregate.Hours.Values.Sum(c => c[1 + (int)VisitorClass.Unfurler]));
        // 3 links × 2 hours × 4 agents × 2 referrers.
        Assert.Equal(48, aggregate.Profiles.Count);
        Assert.Equal(clicks, aggregate.Profiles.Values.Sum());
        // Per link, 20 of the (visitor, agent) pairs.
        Assert.Equal(60, aggregate.Visitors.Count);
        Assert.Equal(6, aggregate.Routes.Count);
        Assert.Equal(clicks / 5, aggregate.Routes.Values.Sum());
        // The owner's and every link's account, each in 2 hours.
        Assert.Equal(4, aggregate.AccountHours.Count);
        Assert.Equal(clicks, aggregate.AccountHours[(StatsAccount.AllLinks, Start)][0] + aggregate.AccountHours[(StatsAccount.AllLinks, Start.AddHours(1))][0]);
        Assert.Equal(
            visits.Count(v => v.LinkId != 3),
            aggregate.AccountHours[(7, Start)][0] + aggregate.AccountHours[(7, Start.AddHours(1))][0]);
        // Per account and hour: 2 referrers, 4 browsers, 3 OS values, 3 devices, 1 country.
        Assert.Equal(2 * 2 * 13, aggregate.AccountDimensions.Count);
        Assert.Equal(2 * 13, aggregate.AccountDimensionDays.Count);
        Assert.Equal(clicks, aggregate.AccountDimensionDays
            .Where(d => d.Key.AccountId == StatsAccount.AllLinks && d.Key.Dimension == StatsDimension.Browser).Sum(d => d.Value));
        // The daily and hourly link rows of compacted days and hours only.
        var everything = new CompactionWatermarks(DateOnly.MaxValue, DateTime.MaxValue);
        Assert.Equal(3, aggregate.LinkDays(everything).Count);
        Assert.Equal(clicks, aggregate.LinkDays(everything).Values.Sum());
        Assert.Equal(3 * 13, aggregate.LinkDimensionDays(everything).Count);
        Assert.Equal(3 * 2 * 13, aggregate.LinkDimensionHours(everything).Count);
        var nothing = new CompactionWatermarks(null, null);
        Assert.Empty(aggregate.LinkDays(nothing));
        Assert.Empty(aggregate.LinkDimensionDays(nothing));
        Assert.Empty(aggregate.LinkDimensionHours(nothing));
        var firstHour = new CompactionWatermarks(DateOnly.FromDateTime(Start).AddDays(-1), Start);
        Assert.Empty(aggregate.LinkDays(firstHour));
        Assert.Equal(3 * 13, aggregate.LinkDimensionHours(firstHour).Count);
        Assert.All(aggregate.LinkDimensionHours(firstHour), d => Assert.Equal(Start, d.Key.Hour));
    }

    [Fact]
    public void A_visitor_new_to_a_link_counts_for_its_owner_and_for_all_links()
    {
        var aggregate = ClickAggregate.Of([Visit(1, Start, Agents[0], 1), Visit(3, Start, Agents[0], 1)], Owners);
        var day = DateOnly.FromDateTime(Start);

        var (accounts, links) = aggregate.NewVisitorCounts(aggregate.Visitors);

        Assert.Equal(new Dictionary<(long, DateOnly), long> { [(1, day)] = 1, [(3, day)] = 1 }, links);
        Assert.Equal(new Dictionary<(long, DateOnly), long> { [(7, day)] = 1, [(StatsAccount.AllLinks, day)] = 2 }, accounts);
        Assert.Equal([7, StatsAccount.AllLinks], aggregate.AccountsOf(2));
        Assert.Equal([StatsAccount.AllLinks], aggregate.AccountsOf(3));
    }

    [Fact]
    public void The_same_visitor_hash_in_another_array_is_the_same_daily_visitor()
    {
        var aggregate = ClickAggregate.Of([Visit(1, Start, Agents[0], 1), Visit(1, Start.AddHours(3), Agents[0], 1)], Owners);

        Assert.Single(aggregate.Visitors);
        Assert.Equal(2, aggregate.Hours.Count);
    }

    internal static EnrichedVisit Visit(
        long linkId, DateTime at, UserAgentInfo agent, int visitor, string? referrer = null, short route = ClickRoute.Target) => new()
    {
        LinkId = linkId,
        OccurredAt = at,
        ReferrerHost = referrer,
        Agent = agent,
        Country = null,
        // A new array each time, as enrichment makes them.
        VisitorHash = [(byte)visitor, (byte)(agent.Browser.Length), (byte)linkId],
        Route = route,
    };
}
