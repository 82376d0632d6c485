using Microsoft.Data.Sqlite;

namespace Hop.Clicks.Writing;

/// <summary>
/// The visit store on SQLite, the end of a click's way: on the writer's own connection
/// (<see cref="SqliteClickConnection"/>), one batch at a time. Each visit is one execution of a single
/// prepared INSERT (an event id already stored changes no row). The counters (the hourly
/// <see cref="VisitCount"/>, visit profiles, daily visitors, the <see cref="VisitRoute"/>s) are rolled up
/// inside the database from the visits above a watermark (a <c>click_counters</c> row), in four set-based statements
/// (<see cref="RollUp"/>), and the watermark moves to the last visit, all in the batch's transaction.
/// SQLite has one writer at a time and the transaction holds the write lock, so visit ids are assigned
/// in commit order and the ids above the watermark are exactly the visits not yet counted.
///
/// A roll-up costs about the same for a few thousand visits as for tens of thousands: it updates
/// counter rows of random links, and most of its work is reading and rewriting their pages. So while
/// more events are queued it waits until <see cref="RollUpEvery"/> visits are pending, and the batch
/// that empties the queue always rolls up; a backlog leaves the stats behind by at most that many
/// visits. The rollups say NOT INDEXED: without it the planner walks the whole (link_id, occurred_at)
/// index to save a sort, instead of reading the id range.
/// </summary>
internal sealed class SqliteVisitStore(string connectionString) : IVisitStore, IDisposable
{
    public const int RollUpEvery = 20_000;

    /// <summary>The largest visit id already counted in the rollups.</summary>
    public const string WatermarkCounter = "rolled_up_to";

    private const string InsertVisit = """
        INSERT INTO visits (event_id, link_id, occurred_at, referrer_host, browser, os, device, "class", country, visitor_hash, route)
        VALUES ($event, $link, $at, $referrer, $browser, $os, $device, $class, $country, $hash, $route)
        ON CONFLICT (event_id) DO NOTHING
        """;

    internal static readonly string RollUp = $$"""
        INSERT INTO visit_counts (link_id, hour, {{VisitCountSql.Columns}})
        SELECT link_id, substr(occurred_at, 1, 13) || ':00:00',
               {{VisitCountSql.Aggregates(visitorClass => $"sum(\"class\" = {visitorClass})")}}
        FROM visits NOT INDEXED WHERE id > $from GROUP BY 1, 2
        ON CONFLICT (link_id, hour) DO UPDATE SET
          {{VisitCountSql.AddExcluded}};

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

        INSERT INTO visit_routes (link_id, hour, route, "count")
        SELECT link_id, substr(occurred_at, 1, 13) || ':00:00', route, count(*)
        FROM visits NOT INDEXED WHERE id > $from AND route <> {{ClickRoute.Target}} GROUP BY 1, 2, 3
        ON CONFLICT (link_id, hour, route) DO UPDATE SET
          "count" = visit_routes."count" + excluded."count";

        INSERT INTO click_counters (name, value) VALUES ('{{WatermarkCounter}}', $to)
        ON CONFLICT (name) DO UPDATE SET value = excluded.value;
        """;

    private readonly SqliteClickConnection _connection = new(connectionString);

    public async Task<IReadOnlyList<EnrichedVisit>> WriteAsync(
        IReadOnlyList<EnrichedVisit> visits, int events, bool moreWaiting, CancellationToken ct)
    {
        var connection = await _connection.AcquireAsync(ct);
        var failed = true;
        try
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            var stored = Write(connection, transaction, visits, rollUpNow: !moreWaiting);
            await PipelineTotals.AddAsync(connection, transaction, stored.Count, events - stored.Count, ct);
            await transaction.CommitAsync(ct);
            failed = false;
            return stored;
        }
        finally
        {
            _connection.Release(failed);
        }
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>Writes the visits, and rolls them up unless <paramref name="rollUpNow"/> is false and
    /// fewer than <see cref="RollUpEvery"/> are pending; returns the visits that were new.</summary>
    private static List<EnrichedVisit> Write(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<EnrichedVisit> visits, bool rollUpNow)
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
            var route = insert.Parameters.Add("$route", SqliteType.Integer);
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
                route.Value = v.Route;
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
