namespace Hop.Clicks.Writing;

/// <summary>Visit columns clipped to the widths of the schema.</summary>
internal static class VisitColumns
{
    public static string Browser(EnrichedVisit v) => Clip(v.Agent.Browser, 64);

    public static string Os(EnrichedVisit v) => Clip(v.Agent.Os, 64);

    public static string Device(EnrichedVisit v) => Clip(v.Agent.Device, 32);

    private static string Clip(string value, int max) => value.Length > max ? value[..max] : value;
}
