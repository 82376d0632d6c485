using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Hop.Clicks;

/// <summary>
/// The SQL of one click batch on SQLite. Each visit is one execution of a single prepared INSERT (an
/// event id already stored changes no row). The counters are rolled up inside the database from the
/// visits above a watermark (a <c>click_counters</c> row), in three set-based statements, and the
/// watermark moves to the last visit, all in the batch's transaction. SQLite has one writer at a time
/// and the transaction holds the write lock, so visit ids are assigned in commit order and the ids
/// above the watermark are exactly the visits not yet counted.
///
/// A roll-up costs about the same for a few thousand visits as for tens of thousands: it updates
/// counter rows of random links, and most of its work is reading and rewriting their pages. So while
/// more events are queued it waits until <see cref="RollUpEvery"/> visits are pending, and the batch
/// that empties the queue always rolls up; a backlog leaves the stats behind by at most that many
/// visits. The rollups say NOT INDEXED: without it the planner walks the whole (link_id, occurred_at)
/// index to save a sort, instead of reading the id range.
/// </summary>
internal static class SqliteVisitWrites
{
    public const int RollUpEvery = 20_000;

    /// <summary>The largest visit id already counted in the rollups.</summary>
    public const string WatermarkCounter = "rolled_up_to";

    private const string InsertVisit = """
        INSERT INTO visits (event_id, link_id, occurred_at, referrer_host, browser, os, device, "class", country, visitor_hash)
        VALUES ($event, $link, $at, $referrer, $browser, $os, $device, $class, $country, $hash)
        ON CONFLICT (event_id) DO NOTHING
        """;

    private const string RollUp = $$"""
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
        SELECT link_id, substr(occurred_at, 1, 13) || ':00:00', coalesce(referrer_host, '{{VisitProfile.Direct}}'),
               coalesce(browser, '{{VisitProfile.Unknown}}'), coalesce(os, '{{VisitProfile.Unknown}}'), coalesce(device, '{{VisitProfile.Unknown}}'),
               coalesce(country, '{{VisitProfile.Unknown}}'), count(*)
        FROM visits NOT INDEXED WHERE id > $from GROUP BY 1, 2, 3, 4, 5, 6, 7
        ON CONFLICT (link_id, hour, referrer, browser, os, device, country) DO UPDATE SET
          "count" = visit_profiles."count" + excluded."count";

        INSERT INTO daily_visitors (link_id, day, visitor_hash)
        SELECT DISTINCT link_id, substr(occurred_at, 1, 10), visitor_hash FROM visits NOT INDEXED WHERE id > $from
        ON CONFLICT DO NOTHING;

        INSERT INTO click_counters (name, value) VALUES ('{{WatermarkCounter}}', $to)
        ON CONFLICT (name) DO UPDATE SET value = excluded.value;
        """;

    /// <summary>Writes the visits, and rolls them up unless <paramref name="rollUpNow"/> is false and
    /// fewer than <see cref="RollUpEvery"/> are pending; returns the visits that were new.</summary>
    public static List<EnrichedVisit> Write(
        SqliteConnection connection, SqliteTransaction transaction, List<EnrichedVisit> visits, bool rollUpNow)
    {
        // Without a watermark row (a database from before it), every stored visit is already counted,
        // and this batch rolls up at once so that the row exists from now on.
        var watermark = Scalar(connection, transaction, $"SELECT value FROM click_counters WHERE name = '{WatermarkCounter}'");
        var counted = watermark ?? Scalar(connection, transaction, "SELECT coalesce(max(id), 0) FROM visits")!.Value;

        var stored = new List<EnrichedVisit>(visits.Count);
        using (var insert = new SqliteCommand(InsertVisit, connection, transaction))
        {
            var eventId = insert.Parameters.Add("$event", SqliteType.Text);
            var link = insert.Parameters.Add("$link", SqliteType.Integer);
            var at = insert.Parameters.Add("$at", SqliteType.Text);
            var referrer = insert.Parameters.Add("$referrer", SqliteType.Text);
            var browser = insert.Parameters.Add("$browser", SqliteType.Text);
            var os = insert.Parameters.Add("$os", SqliteType.Text);
            var device = insert.Parameters.Add("$device", SqliteType.Text);
            var visitorClass = insert.Parameters.Add("$class", SqliteType.Integer);
            var country = insert.Parameters.Add("$country", SqliteType.Text);
            var hash = insert.Parameters.Add("$hash", SqliteType.Blob);
            insert.Prepare();
            foreach (var v in visits)
            {
                // EF stores Guids as upper-case text on SQLite; write them the same way.
                eventId.Value = v.EventId.ToString().ToUpperInvariant();
                link.Value = v.LinkId;
                at.Value = v.OccurredAt;
                referrer.Value = (object?)v.ReferrerHost ?? DBNull.Value;
                browser.Value = VisitColumns.Browser(v);
                os.Value = VisitColumns.Os(v);
                device.Value = VisitColumns.Device(v);
                visitorClass.Value = (int)v.Agent.Class;
                country.Value = (object?)v.Country ?? DBNull.Value;
                hash.Value = v.VisitorHash;
                if (insert.ExecuteNonQuery() == 1)
                {
                    stored.Add(v);
                }
            }
        }

        var last = Scalar(connection, transaction, "SELECT coalesce(max(id), 0) FROM visits")!.Value;
        if (last > counted && (rollUpNow || watermark is null || last - counted >= RollUpEvery))
        {
            using var rollUp = new SqliteCommand(RollUp, connection, transaction);
            rollUp.Parameters.AddWithValue("$from", counted);
            rollUp.Parameters.AddWithValue("$to", last);
            rollUp.ExecuteNonQuery();
        }

        return stored;
    }

    private static long? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = new SqliteCommand(sql, connection, transaction);
        return command.ExecuteScalar() is long value ? value : null;
    }
}

/// <summary>
/// The SQL of one click batch on PostgreSQL: one statement. The visits arrive as arrays and are
/// unnested into an INSERT whose RETURNING rows (only the new ones) feed the counter upserts in the
/// same statement, so concurrent workers never count each other's visits. Upserts go in key order, so
/// two workers touching the same counters lock them in the same order.
/// </summary>
internal static class PostgresVisitWrites
{
    private const string Write = $$"""
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
          SELECT link_id, hour, coalesce(referrer_host, '{{VisitProfile.Direct}}'), coalesce(browser, '{{VisitProfile.Unknown}}'),
                 coalesce(os, '{{VisitProfile.Unknown}}'), coalesce(device, '{{VisitProfile.Unknown}}'), coalesce(country, '{{VisitProfile.Unknown}}'), count(*)
          FROM new_visits GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
          ON CONFLICT (link_id, hour, referrer, browser, os, device, country) DO UPDATE SET
            "count" = visit_profiles."count" + excluded."count"),
        visitors AS (
          INSERT INTO daily_visitors (link_id, day, visitor_hash)
          SELECT DISTINCT link_id, day, visitor_hash FROM new_visits ORDER BY 1, 2, 3
          ON CONFLICT DO NOTHING)
        SELECT event_id FROM new_visits
        """;

    /// <summary>Writes the visits and their counters; returns the visits that were new.</summary>
    public static async Task<List<EnrichedVisit>> WriteAsync(
        DbConnection connection, DbTransaction tx, List<EnrichedVisit> visits, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(Write, (NpgsqlConnection)connection, (NpgsqlTransaction)tx);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid[]>("event", visits.Select(v => v.EventId).ToArray()));
        p.Add(new NpgsqlParameter<long[]>("link", visits.Select(v => v.LinkId).ToArray()));
        p.Add(new NpgsqlParameter<DateTime[]>("at", visits.Select(v => v.OccurredAt).ToArray())
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
        });
        p.Add(TextArray("referrer", visits.Select(v => v.ReferrerHost)));
        p.Add(TextArray("browser", visits.Select(VisitColumns.Browser)));
        p.Add(TextArray("os", visits.Select(VisitColumns.Os)));
        p.Add(TextArray("device", visits.Select(VisitColumns.Device)));
        p.Add(new NpgsqlParameter<int[]>("class", visits.Select(v => (int)v.Agent.Class).ToArray()));
        p.Add(TextArray("country", visits.Select(v => v.Country)));
        p.Add(new NpgsqlParameter<byte[][]>("hash", visits.Select(v => v.VisitorHash).ToArray())
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea,
        });

        var inserted = new HashSet<Guid>(visits.Count);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                inserted.Add(reader.GetGuid(0));
            }
        }

        return visits.Count == inserted.Count ? visits : visits.Where(v => inserted.Contains(v.EventId)).ToList();
    }

    private static NpgsqlParameter<string?[]> TextArray(string name, IEnumerable<string?> values) =>
        new(name, values.ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}

/// <summary>Visit columns clipped to the widths of the schema.</summary>
internal static class VisitColumns
{
    public static string Browser(EnrichedVisit v) => Clip(v.Agent.Browser, 64);

    public static string Os(EnrichedVisit v) => Clip(v.Agent.Os, 64);

    public static string Device(EnrichedVisit v) => Clip(v.Agent.Device, 32);

    private static string Clip(string value, int max) => value.Length > max ? value[..max] : value;
}
