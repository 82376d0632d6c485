using System.Text.Json.Serialization;

namespace Hop.Links.Routing;

/// <summary>What a link unfurler (Slack, X, Facebook, …) is shown for a link instead of its redirect.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record LinkPreview
{
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Image { get; init; }

    [JsonIgnore]
    public bool IsEmpty => Title is null && Description is null && Image is null;
}
