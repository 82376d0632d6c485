namespace Hop.Clicks.Stats;

internal enum Granularity
{
    Hour,
    Day,
    Week,
    Month,
}
