using Hop.Clicks;
using Hop.Clicks.Stats;
using Hop.Links;

namespace Hop.Accounts;

/// <summary>One of the user's links in their export: the link as the API shows it, with its visits.</summary>
internal sealed record ExportedLink
{
    public required LinkResponse Link { get; init; }

    /// <summary>Every visit the counters hold, by class.</summary>
    public required VisitorCounts Visits { get; init; }

    /// <summary>The days with visits, oldest first.</summary>
    public required IReadOnlyList<ExportedDay> Daily { get; init; }

    /// <summary>Every visit each redirect rule sent on, by rule number.</summary>
    public required IReadOnlyList<RuleVisits> Rules { get; init; }

    /// <summary>Every visit each A/B variant received, by variant number.</summary>
    public required IReadOnlyList<VariantVisits> Variants { get; init; }
}
