using System.Text.RegularExpressions;
using Hop.Clicks.Writing;

namespace Hop.Tests.Clicks.Writing;

/// <summary>The stores' batch SQL, generated from the counters, is the statement each database is
/// known to run fast (whitespace aside).</summary>
public partial class VisitStoreSqlTests
{
    [Fact]
    public void The_sqlite_roll_up_is_the_known_statement() =>
        Assert.Equal(Words("""
        INSERT INTO visit_counts (link_id, hour, total, humans, bots, unfurlers, mail_scanners, prefetches)
        SELECT link_id, substr(occurred_at, 1, 13) || ':00:00', count(*),
               sum("class" = 0), sum("class" = 1), sum("class" = 2), sum("class" = 3), sum("class" = 4)
        FROM visits NOT INDEXED WHERE id > $from GROUP BY 1, 2
        ON CONFLICT (link_id, hour) DO UPDATE SET
          total = visit_counts.total + excluded.total,
          humans = visit_counts.humans + excluded.humans,
          bots = visit_counts.bots + excluded.bots,
          unfurlers = visit_counts.unfurlers + excluded.unfurlers,
          mail_scanners = visit_counts.mail_scanners + excluded.mail_scanners,
          prefetches = visit_counts.prefetches + excluded.prefetches;

        INSERT INTO visit_profiles (link_id, hour, referrer, browser, os, device, country, "count")
        SELECT link_id, substr(occurred_at, 1, 13) || ':00:00', coalesce(referrer_host, '(direct)'),
               coalesce(browser, '(unknown)'), coalesce(os, '(unknown)'), coalesce(device, '(unknown)'),
               coalesce(country, '(unknown)'), count(*)
        FROM visits NOT INDEXED WHERE id > $from GROUP BY 1, 2, 3, 4, 5, 6, 7
        ON CONFLICT (link_id, hour, referrer, browser, os, device, country) DO UPDATE SET
          "count" = visit_profiles."count" + excluded."count";

        INSERT INTO daily_visitors (link_id, day, visitor_hash)
        SELECT DISTINCT link_id, substr(occurred_at, 1, 10), visitor_hash FROM visits NOT INDEXED WHERE id > $from
        ON CONFLICT DO NOTHING;

        INSERT INTO click_counters (name, value) VALUES ('rolled_up_to', $to)
        ON CONFLICT (name) DO UPDATE SET value = excluded.value;

        """), Words(SqliteVisitStore.RollUp));

    [Fact]
    public void The_postgres_batch_is_the_known_statement() =>
        Assert.Equal(Words("""
        WITH new_visits AS (
          INSERT INTO visits (event_id, link_id, occurred_at, referrer_host, browser, os, device, "class", country, visitor_hash)
          SELECT * FROM unnest(@event, @link, @at, @referrer, @browser, @os, @device, @class, @country, @hash)
          ON CONFLICT (event_id) DO NOTHING
          RETURNING event_id, link_id, date_trunc('hour', occurred_at, 'UTC') AS hour,
                    (occurred_at AT TIME ZONE 'UTC')::date AS day, referrer_host, browser, os, device, "class", country,
                    visitor_hash),
        counts AS (
          INSERT INTO visit_counts (link_id, hour, total, humans, bots, unfurlers, mail_scanners, prefetches)
          SELECT link_id, hour, count(*),
                 count(*) FILTER (WHERE "class" = 0), count(*) FILTER (WHERE "class" = 1),
                 count(*) FILTER (WHERE "class" = 2), count(*) FILTER (WHERE "class" = 3),
                 count(*) FILTER (WHERE "class" = 4)
          FROM new_visits GROUP BY 1, 2 ORDER BY 1, 2
          ON CONFLICT (link_id, hour) DO UPDATE SET
            total = visit_counts.total + excluded.total,
            humans = visit_counts.humans + excluded.humans,
            bots = visit_counts.bots + excluded.bots,
            unfurlers = visit_counts.unfurlers + excluded.unfurlers,
            mail_scanners = visit_counts.mail_scanners + excluded.mail_scanners,
            prefetches = visit_counts.prefetches + excluded.prefetches),
        profiles AS (
          INSERT INTO visit_profiles (link_id, hour, referrer, browser, os, device, country, "count")
          SELECT link_id, hour, coalesce(referrer_host, '(direct)'), coalesce(browser, '(unknown)'),
                 coalesce(os, '(unknown)'), coalesce(device, '(unknown)'), coalesce(country, '(unknown)'), count(*)
          FROM new_visits GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
          ON CONFLICT (link_id, hour, referrer, browser, os, device, country) DO UPDATE SET
            "count" = visit_profiles."count" + excluded."count"),
        visitors AS (
          INSERT INTO daily_visitors (link_id, day, visitor_hash)
          SELECT DISTINCT link_id, day, visitor_hash FROM new_visits ORDER BY 1, 2, 3
          ON CONFLICT DO NOTHING)
        SELECT event_id FROM new_visits

        """), Words(PostgresVisitStore.Write));

    private static string Words(string sql) => Whitespace().Replace(sql.Trim(), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
