namespace Hop.Clicks.Stats;

/// <summary>The UTC hours from <see cref="From"/> (included) to <see cref="To"/> (excluded), both on the hour.</summary>
internal readonly record struct HourRange(DateTime From, DateTime To);
