namespace Hop.Clicks.Stats;

/// <summary>A link's visits per redirect rule and per A/B variant (<see cref="VisitRoute"/>), each list
/// ordered by number and holding only the ones with visits.</summary>
internal sealed record StatsRoutes(IReadOnlyList<RuleVisits> Rules, IReadOnlyList<VariantVisits> Variants)
{
    /// <summary>Sorts summed route counters into rules and variants.</summary>
    public static StatsRoutes Of(IEnumerable<(short Route, long Visits)> sums)
    {
        var rules = new List<RuleVisits>();
        var variants = new List<VariantVisits>();
        foreach (var (route, visits) in sums.Where(s => s.Visits > 0).OrderBy(s => ClickRoute.Number(s.Route)))
        {
            if (ClickRoute.IsRule(route))
            {
                rules.Add(new RuleVisits(ClickRoute.Number(route), visits));
            }
            else if (ClickRoute.IsVariant(route))
            {
                variants.Add(new VariantVisits(ClickRoute.Number(route), visits));
            }
        }

        return new StatsRoutes(rules, variants);
    }
}
