namespace Hop.Clicks.Writing;

/// <summary>
/// The parts of the stores' SQL that name the counts of <c>visit_counts</c>, built from
/// <see cref="VisitorCounts.Counters"/>, so that both stores write a new class without an edit to
/// either.
/// </summary>
internal static class VisitCountSql
{
    private static readonly string[] AllColumns =
        [VisitorCounts.TotalColumn, .. VisitorCounts.Counters.Select(c => c.Column)];

    /// <summary><c>total, humans, bots, …</c></summary>
    public static string Columns { get; } = string.Join(", ", AllColumns);

    /// <summary><c>total = visit_counts.total + excluded.total, …</c>: an upsert adds its counts to the
    /// stored ones.</summary>
    public static string AddExcluded { get; } =
        string.Join(", ", AllColumns.Select(c => $"{c} = visit_counts.{c} + excluded.{c}"));

    /// <summary><c>count(*)</c>, then <paramref name="visitsOfClass"/> of each class's value: the counts of
    /// a group of visits, in the order of <see cref="Columns"/>.</summary>
    public static string Aggregates(Func<int, string> visitsOfClass) =>
        string.Join(", ", VisitorCounts.Counters.Select(c => visitsOfClass((int)c.Class)).Prepend("count(*)"));
}
