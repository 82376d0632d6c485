namespace Hop.Clicks.Stats;

/// <summary>The UTC days from <see cref="First"/> to <see cref="Last"/>, both included.</summary>
internal readonly record struct DayRange(DateOnly First, DateOnly Last);
