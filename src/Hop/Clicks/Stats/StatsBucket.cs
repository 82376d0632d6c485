using System.Text.Json.Serialization;

namespace Hop.Clicks.Stats;

/// <summary>The visits of one bucket of a stats range, by class.</summary>
internal sealed record StatsBucket : VisitorCounts
{
    public StatsBucket()
    {
    }

    public StatsBucket(VisitorCounts counts)
        : base(counts)
    {
    }

    /// <summary>Start of the bucket in the requested time zone.</summary>
    [JsonPropertyOrder(-1)]
    public required DateTimeOffset Start { get; init; }
}
