namespace Hop.Clicks;

/// <summary>What a top list ranks: the dimension of a dimension counter row. Stored as its number.</summary>
internal enum StatsDimension : short
{
    Referrer = 0,
    Browser = 1,
    Os = 2,
    Device = 3,
    Country = 4,
}
