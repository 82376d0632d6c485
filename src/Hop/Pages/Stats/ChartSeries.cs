namespace Hop.Pages.Stats;

/// <summary>
/// One series of a chart: its name, its colour (1–6, hop.css's <c>.series-N</c>) and one value per
/// bucket. Public because chart components take it as a parameter.
/// </summary>
public sealed record ChartSeries(string Name, int Colour, IReadOnlyList<long> Values);
