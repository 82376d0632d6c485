namespace Hop.IntegrationTests.Clicks;

/// <summary>Raw visits kept as <paramref name="mode"/> says (Clicks:RawVisits), sampling one in 10.</summary>
public sealed class RawVisitClicks(string mode) : FastClicks
{
    public const int SampleRate = 10;

    internal override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        .. base.Settings,
        new("Clicks:RawVisits", mode),
        new("Clicks:RawVisitSampleRate", SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];
}
