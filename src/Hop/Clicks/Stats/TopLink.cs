using System.Text.Json.Serialization;

namespace Hop.Clicks.Stats;

internal sealed record TopLink(string Code, long Total)
{
    /// <summary>For the stats page's links to each link's page; the API names a link by its code only.</summary>
    [JsonIgnore]
    public long LinkId { get; init; }
}
