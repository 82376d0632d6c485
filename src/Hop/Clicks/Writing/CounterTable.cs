namespace Hop.Clicks.Writing;

/// <summary>
/// A counter table as both stores upsert it: its key, the columns set only when a row is inserted
/// (<c>owner_id</c>), and the columns an upsert adds to (none: a row that exists already stays as it is).
/// The stores build their statements from these, so a table's columns are named once.
/// </summary>
internal sealed record CounterTable(string Name, string[] Keys, string[] InsertOnly, string[] Added)
{
    private static readonly string[] Counts = [.. VisitCountSql.Columns];

    public static readonly CounterTable VisitCounts = new("visit_counts", ["link_id", "hour"], ["owner_id"], Counts);

    public static readonly CounterTable VisitProfiles = new(
        "visit_profiles", ["link_id", "hour", "referrer", "browser", "os", "device", "country"], [], ["\"count\""]);

    public static readonly CounterTable DailyVisitors = new("daily_visitors", ["link_id", "day", "visitor_hash"], [], []);

    public static readonly CounterTable VisitRoutes = new("visit_routes", ["link_id", "hour", "route"], [], ["\"count\""]);

    public static readonly CounterTable AccountCounts = new("account_counts", ["account_id", "hour"], [], Counts);

    public static readonly CounterTable AccountDimensions = new(
        "account_dimensions", ["account_id", "hour", "dimension", "value"], [], ["\"count\""]);

    public static readonly CounterTable AccountDimensionDays = new(
        "account_dimension_days", ["account_id", "day", "dimension", "value"], [], ["\"count\""]);

    public static readonly CounterTable AccountVisitorDays = new("account_visitor_days", ["account_id", "day"], [], ["visitors"]);

    public static readonly CounterTable LinkDays = new("link_days", ["link_id", "day"], ["owner_id"], ["total"]);

    public static readonly CounterTable LinkDimensionDays = new(
        "link_dimension_days", ["link_id", "day", "dimension", "value"], [], ["\"count\""]);

    public static readonly CounterTable LinkDimensionHours = new(
        "link_dimension_hours", ["link_id", "hour", "dimension", "value"], [], ["\"count\""]);

    public static readonly CounterTable LinkVisitorDays = new("link_visitor_days", ["link_id", "day"], [], ["visitors"]);

    /// <summary>Every column a row is inserted with, in the order of its values.</summary>
    public string[] Columns { get; } = [.. Keys, .. InsertOnly, .. Added];

    /// <summary><c>(k1, k2, …)</c></summary>
    public string ColumnList => string.Join(", ", Columns);

    /// <summary>What a row whose key exists does: adds its counts, or nothing.</summary>
    public string OnConflict => Added.Length == 0
        ? "ON CONFLICT DO NOTHING"
        : $"ON CONFLICT ({string.Join(", ", Keys)}) DO UPDATE SET "
          + string.Join(", ", Added.Select(c => $"{c} = {Name}.{c} + excluded.{c}"));
}
