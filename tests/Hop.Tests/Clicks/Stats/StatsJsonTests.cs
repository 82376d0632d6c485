using System.Text.Json;
using Hop.Clicks.Stats;
using Hop.Clicks.Writing;
using Hop.Hosting;

namespace Hop.Tests.Clicks.Stats;

/// <summary>The stats API's bodies and live messages keep their JSON shape, property order included.</summary>
public class StatsJsonTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_link_stats_body_has_its_totals_and_buckets_flat_with_every_class_named_then_its_rules_and_variants()
    {
        var body = new LinkStatsResponse
        {
            Code = "abc1234",
            From = Noon,
            To = Noon.AddHours(1),
            Granularity = "hour",
            TimeZone = "UTC",
            Totals = new StatsTotals
            {
                Total = 21, Humans = 1, Bots = 2, Unfurlers = 3, MailScanners = 4, Prefetches = 5, UniqueVisitors = 6,
            },
            Series =
            [
                new StatsBucket { Start = Noon, Total = 21, Humans = 1, Bots = 2, Unfurlers = 3, MailScanners = 4, Prefetches = 5 },
            ],
            Top = new StatsTop
            {
                Referrers = [new StatsEntry("(direct)", 21)],
                Browsers = [],
                Os = [],
                Devices = [],
                Countries = [],
            },
            Rules = [new RuleVisits(1, 12), new RuleVisits(3, 2)],
            Variants = [new VariantVisits(1, 4), new VariantVisits(2, 3)],
        };

        Assert.Equal(
            Quoted("{'code':'abc1234','from':'2026-03-01T12:00:00+00:00','to':'2026-03-01T13:00:00+00:00','granularity':'hour','timeZone':'UTC',"
                + "'totals':{'total':21,'humans':1,'bots':2,'unfurlers':3,'mailScanners':4,'prefetches':5,'uniqueVisitors':6},"
                + "'series':[{'start':'2026-03-01T12:00:00+00:00','total':21,'humans':1,'bots':2,'unfurlers':3,'mailScanners':4,'prefetches':5}],"
                + "'top':{'referrers':[{'value':'(direct)','count':21}],'browsers':[],'os':[],'devices':[],'countries':[]},"
                + "'rules':[{'rule':1,'visits':12},{'rule':3,'visits':2}],'variants':[{'variant':1,'visits':4},{'variant':2,'visits':3}]}"),
            JsonSerializer.Serialize(body, HopJsonContext.Default.LinkStatsResponse));
    }

    [Fact]
    public void A_live_message_has_its_commit_time_first_then_every_class_named()
    {
        var message = new LiveVisits
        {
            CommittedAt = Noon, Total = 21, Humans = 1, Bots = 2, Unfurlers = 3, MailScanners = 4, Prefetches = 5,
        };

        Assert.Equal(
            Quoted("{'committedAt':'2026-03-01T12:00:00+00:00','total':21,'humans':1,'bots':2,'unfurlers':3,'mailScanners':4,'prefetches':5}"),
            JsonSerializer.Serialize(message, HopJsonContext.Default.LiveVisits));
    }

    /// <summary>JSON written with single quotes, for legibility.</summary>
    private static string Quoted(string json) => json.Replace('\'', '"');
}
