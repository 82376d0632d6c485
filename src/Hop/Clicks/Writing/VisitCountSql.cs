namespace Hop.Clicks.Writing;

/// <summary>
/// The count columns of <c>visit_counts</c> and <c>account_counts</c>, built from
/// <see cref="VisitorCounts.Counters"/>, so that both stores write a new class without an edit to
/// either. A count row of <see cref="ClickAggregate"/> holds the total, then each class's count, in this order.
/// </summary>
internal static class VisitCountSql
{
    /// <summary><c>total, humans, bots, …</c></summary>
    public static IReadOnlyList<string> Columns { get; } =
        [VisitorCounts.TotalColumn, .. VisitorCounts.Counters.Select(c => c.Column)];
}
