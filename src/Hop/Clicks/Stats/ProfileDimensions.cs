using System.Collections.Immutable;

namespace Hop.Clicks.Stats;

/// <summary>
/// Each <see cref="StatsDimension"/> with the <c>visit_profiles</c> column and the
/// <see cref="ProfileCombination"/> property that hold its value, so that compaction's SQL and the stats
/// reads split a combination into dimension values the same way.
/// </summary>
internal static class ProfileDimensions
{
    public static ImmutableArray<(StatsDimension Dimension, string Column, Func<ProfileCombination, string> Value)> All { get; } =
    [
        (StatsDimension.Referrer, "referrer", c => c.Referrer),
        (StatsDimension.Browser, "browser", c => c.Browser),
        (StatsDimension.Os, "os", c => c.Os),
        (StatsDimension.Device, "device", c => c.Device),
        (StatsDimension.Country, "country", c => c.Country),
    ];
}
