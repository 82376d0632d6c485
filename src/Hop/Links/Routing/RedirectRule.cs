using System.Text.Json.Serialization;

namespace Hop.Links.Routing;

/// <summary>
/// One redirect rule of a link: when every condition holds, the visitor goes to <see cref="Url"/>
/// instead of the link's target. Rules are tried in order and the first that matches wins. Members are
/// nullable because a request may leave them out; <see cref="RoutingRules"/> refuses a rule that does.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record RedirectRule
{
    public RuleConditions? Conditions { get; init; }
    public string? Url { get; init; }
}
