namespace Hop.Clicks.Stats;

internal sealed record StatsEntry(string Value, long Count);
