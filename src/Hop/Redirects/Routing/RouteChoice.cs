using Hop.Clicks;

namespace Hop.Redirects.Routing;

/// <summary>Where a visitor of a routed link goes (<see cref="Url"/>, the link's target or a rule's or variant's) and the <see cref="ClickRoute"/> it counts as.</summary>
internal readonly record struct RouteChoice(string Url, short Route);
