using System.Text.Json.Serialization;
using Hop.Clicks;

namespace Hop.Accounts;

/// <summary>A link's visits on one UTC day, by class.</summary>
internal sealed record ExportedDay : VisitorCounts
{
    public ExportedDay()
    {
    }

    public ExportedDay(VisitorCounts counts)
        : base(counts)
    {
    }

    [JsonPropertyOrder(-1)]
    public required DateOnly Day { get; init; }
}
