using System.Text.Json.Serialization;

namespace Hop.Links.Routing;

/// <summary>One target of a link's A/B split and its share of visitors, in percent.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record Variant
{
    public string? Url { get; init; }
    public int? Weight { get; init; }
}
