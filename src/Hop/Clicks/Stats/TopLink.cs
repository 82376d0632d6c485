namespace Hop.Clicks.Stats;

internal sealed record TopLink(string Code, long Total);
