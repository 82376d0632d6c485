using BitFaster.Caching.Lru;
using Hop.Clicks;
using Hop.Clicks.Writing;
using Hop.Safety.Blocklist;

namespace Hop.Redirects.Routing;

/// <summary>
/// Decides where a visitor of a link with rules, variants or a preview goes, from the cached link alone:
/// the first matching rule, else the visitor's variant, else the target. Classified user agents are kept
/// in a small bounded cache, so a repeat visitor costs a lookup that allocates nothing. A rule or variant
/// whose destination the blocklist has blocked since the link was saved is passed over, so it is never
/// served: the link's other destinations are still checked (and its target is disabled by the blocklist
/// itself when it is blocked).
/// </summary>
internal sealed class RouteChooser(VisitorCountries countries, StickyVariants sticky, BlocklistIndex blocklist)
{
    /// <summary>Distinct user agents remembered; real traffic repeats a small set of them.</summary>
    private const int CachedAgents = 2048;

    /// <summary>Longer user agents are classified every time rather than held in memory.</summary>
    private const int MaxCachedAgentLength = 512;

    private readonly ConcurrentLru<string, UserAgentInfo> _agents = new(CachedAgents);

    public VisitorCountries Countries => countries;

    public StickyVariants Sticky => sticky;

    public UserAgentInfo Classify(string? userAgent) =>
        userAgent is { Length: > 0 and <= MaxCachedAgentLength }
            ? _agents.GetOrAdd(userAgent, static a => UserAgentClassifier.Classify(a))
            : UserAgentClassifier.Classify(userAgent);

    /// <summary>True when the link has a preview and the visitor is a link unfurler, who gets the preview page instead.</summary>
    public bool ShowsPreview(HttpContext http, LinkRouting routing) =>
        routing.Preview is not null
        && Classify(http.Request.Headers.UserAgent is { Count: > 0 } agent ? agent.ToString() : null).Class == VisitorClass.Unfurler;

    /// <summary>Needs <see cref="StickyVariants.Ready"/> when the link has variants.</summary>
    public RouteChoice Choose(HttpContext http, CachedLink link, DateTime now)
    {
        var routing = link.Routing;
        if (routing.Rules.Length > 0)
        {
            var visitor = new VisitorFacts(http, now, this);
            var rules = routing.Rules;
            for (var i = 0; i < rules.Length; i++)
            {
                if (rules[i].Matches(ref visitor) && !IsBlocked(rules[i].Host, rules[i].Url))
                {
                    return new RouteChoice(rules[i].Url, ClickRoute.Rule(i));
                }
            }
        }

        if (routing.VariantUrls.Length > 0)
        {
            var agent = http.Request.Headers.UserAgent;
            var bucket = sticky.BucketOf(link.Id, http.Connection.RemoteIpAddress, agent.Count > 0 ? agent.ToString() : null);
            var variant = routing.VariantOf(bucket);
            if (!IsBlocked(routing.VariantHosts[variant], routing.VariantUrls[variant]))
            {
                return new RouteChoice(routing.VariantUrls[variant], ClickRoute.Variant(variant));
            }
        }

        return new RouteChoice(link.Target, ClickRoute.Target);
    }

    private bool IsBlocked(string host, string url) => blocklist.Match(host, url) is { Action: BlocklistAction.Block };
}
