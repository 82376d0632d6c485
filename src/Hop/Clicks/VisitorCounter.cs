namespace Hop.Clicks;

/// <summary>One class's count in <see cref="VisitorCounts"/>: the property that holds it and the column
/// of <c>visit_counts</c> that stores it.</summary>
internal sealed record VisitorCounter(VisitorClass Class, string Property, string Column);
