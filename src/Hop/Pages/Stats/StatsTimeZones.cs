namespace Hop.Pages.Stats;

/// <summary>The time zones a stats form offers: UTC, then the system's IANA zones of the world's regions
/// (Europe/Berlin, America/New_York …), leaving out the aliases and POSIX names the system also has.</summary>
internal static class StatsTimeZones
{
    private static readonly string[] Regions = ["Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"];

    public static IReadOnlyList<string> All { get; } =
    [
        "UTC",
        .. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id)
            .Where(id => id.IndexOf('/') is > 0 and var slash && Regions.Contains(id[..slash]))
            .Order(StringComparer.Ordinal),
    ];
}
