using System.Text.Json.Serialization;

namespace Hop.Clicks.Writing;

/// <summary>New visits of one link in one committed batch, by class: one server-sent event.</summary>
internal sealed record LiveVisits : VisitorCounts
{
    public LiveVisits()
    {
    }

    public LiveVisits(VisitorCounts counts)
        : base(counts)
    {
    }

    [JsonPropertyOrder(-1)]
    public required DateTimeOffset CommittedAt { get; init; }
}
