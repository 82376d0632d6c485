namespace Hop.Clicks;

/// <summary>A top-list row: visits with one value of one dimension, over whatever period and scope the
/// row's table keys it by (<see cref="LinkDimensionDay"/>, <see cref="LinkDimensionHour"/>,
/// <see cref="AccountDimension"/>, <see cref="AccountDimensionDay"/>).</summary>
internal interface IDimensionCount
{
    StatsDimension Dimension { get; }
    string Value { get; }
    long Count { get; }
}
