namespace Hop.Clicks.Stats;

/// <summary>The visits of one combination of <see cref="VisitProfile"/> values, summed over some hours.</summary>
internal sealed record ProfileCombination(string Referrer, string Browser, string Os, string Device, string Country, long Count);
