using System.Text.RegularExpressions;
using Hop.Clicks.Writing;

namespace Hop.Tests.Clicks.Writing;

/// <summary>The stores' hourly-counter and route-counter upserts are the statements each database is
/// known to run fast (whitespace aside).</summary>
public partial class VisitStoreSqlTests
{
    /// <summary>The same in both dialects.</summary>
    private const string AddEveryCount = """
        ON CONFLICT (link_id, hour) DO UPDATE SET
          total = visit_counts.total + excluded.total,
          humans = visit_counts.humans + excluded.humans,
          bots = visit_counts.bots + excluded.bots,
          unfurlers = visit_counts.unfurlers + excluded.unfurlers,
          mail_scanners = visit_counts.mail_scanners + excluded.mail_scanners,
          prefetches = visit_counts.prefetches + excluded.prefetches
        """;

    [Fact]
    public void The_sqlite_roll_up_counts_every_class_as_the_known_statement() =>
        Assert.Equal(
            Words($"""
                INSERT INTO visit_counts (link_id, hour, total, humans, bots, unfurlers, mail_scanners, prefetches)
                SELECT link_id, substr(occurred_at, 1, 13) || ':00:00', count(*),
                       sum("class" = 0), sum("class" = 1), sum("class" = 2), sum("class" = 3), sum("class" = 4)
                FROM visits NOT INDEXED WHERE id > $from GROUP BY 1, 2
                {AddEveryCount};
                """),
            Words(Between(SqliteVisitStore.RollUp, "INSERT INTO visit_counts", "INSERT INTO visit_profiles")));

    [Fact]
    public void The_postgres_batch_counts_every_class_as_the_known_statement() =>
        Assert.Equal(
            Words($"""
                INSERT INTO visit_counts (link_id, hour, total, humans, bots, unfurlers, mail_scanners, prefetches)
                SELECT link_id, hour, count(*),
                       count(*) FILTER (WHERE "class" = 0), count(*) FILTER (WHERE "class" = 1),
                       count(*) FILTER (WHERE "class" = 2), count(*) FILTER (WHERE "class" = 3),
                       count(*) FILTER (WHERE "class" = 4)
                FROM new_visits GROUP BY 1, 2 ORDER BY 1, 2
                {AddEveryCount}),
                """),
            Words(Between(PostgresVisitStore.Write, "INSERT INTO visit_counts", "profiles AS (")));

    [Fact]
    public void The_sqlite_roll_up_counts_only_visits_to_a_rule_or_variant_per_route() =>
        Assert.Equal(
            Words("""
                INSERT INTO visit_routes (link_id, hour, route, "count")
                SELECT link_id, substr(occurred_at, 1, 13) || ':00:00', route, count(*)
                FROM visits NOT INDEXED WHERE id > $from AND route <> 0 GROUP BY 1, 2, 3
                ON CONFLICT (link_id, hour, route) DO UPDATE SET
                  "count" = visit_routes."count" + excluded."count";
                """),
            Words(Between(SqliteVisitStore.RollUp, "INSERT INTO visit_routes", "INSERT INTO click_counters")));

    [Fact]
    public void The_postgres_batch_counts_only_new_visits_to_a_rule_or_variant_per_route_in_key_order() =>
        Assert.Equal(
            Words("""
                INSERT INTO visit_routes (link_id, hour, route, "count")
                SELECT link_id, hour, route, count(*)
                FROM new_visits WHERE route <> 0 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                ON CONFLICT (link_id, hour, route) DO UPDATE SET
                  "count" = visit_routes."count" + excluded."count")
                """),
            Words(Between(PostgresVisitStore.Write, "INSERT INTO visit_routes", "SELECT event_id FROM new_visits")));

    /// <summary>The statement that begins with <paramref name="start"/>, up to <paramref name="next"/>.</summary>
    private static string Between(string sql, string start, string next)
    {
        var from = sql.IndexOf(start, StringComparison.Ordinal);
        var to = sql.IndexOf(next, from, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, $"'{start}' then '{next}' in the statement");
        return sql[from..to];
    }

    private static string Words(string sql) => Whitespace().Replace(sql.Trim(), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
