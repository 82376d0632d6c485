namespace Hop.Clicks;

/// <summary>Running totals of the click pipeline that must survive restarts (stored, duplicates).</summary>
internal sealed class ClickCounter
{
    public required string Name { get; set; }
    public long Value { get; set; }
}
