namespace Hop.Pages.Stats;

/// <summary>One row of a bar list: what it counts, the count, where it links to and a line of detail
/// (each optional). Public because <see cref="BarList"/> takes it as a parameter.</summary>
public sealed record ChartBar(string Label, long Count, string? Href = null, string? Detail = null);
