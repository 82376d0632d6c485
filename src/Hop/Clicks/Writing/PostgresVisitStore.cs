using Hop.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Hop.Clicks.Writing;

/// <summary>
/// The visit store on PostgreSQL, the end of a click's way: on a connection of the clicks context's
/// pool, a batch is one statement (<see cref="Write"/>). The visits arrive as arrays and are unnested
/// into an INSERT whose RETURNING rows (only the new ones) feed the upserts of the hourly
/// <see cref="VisitCount"/>, visit profiles, daily visitors and <see cref="VisitRoute"/>s in the same
/// statement, so concurrent workers never count each other's visits. Upserts go in key order, so two
/// workers touching the same counters lock them in the same order.
/// </summary>
internal sealed class PostgresVisitStore(IServiceScopeFactory scopes) : IVisitStore
{
    internal static readonly string Write = $$"""
        WITH new_visits AS (
          INSERT INTO visits (event_id, link_id, occurred_at, referrer_host, browser, os, device, "class", country, visitor_hash, route)
          SELECT * FROM unnest(@event, @link, @at, @referrer, @browser, @os, @device, @class, @country, @hash, @route)
          ON CONFLICT (event_id) DO NOTHING
          RETURNING event_id, link_id, date_trunc('hour', occurred_at, 'UTC') AS hour,
                    (occurred_at AT TIME ZONE 'UTC')::date AS day, referrer_host, browser, os, device, "class", country,
                    visitor_hash, route),
        counts AS (
          INSERT INTO visit_counts (link_id, hour, {{VisitCountSql.Columns}})
          SELECT link_id, hour,
                 {{VisitCountSql.Aggregates(visitorClass => $"count(*) FILTER (WHERE \"class\" = {visitorClass})")}}
          FROM new_visits GROUP BY 1, 2 ORDER BY 1, 2
          ON CONFLICT (link_id, hour) DO UPDATE SET
            {{VisitCountSql.AddExcluded}}),
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
          ON CONFLICT DO NOTHING),
        routes AS (
          INSERT INTO visit_routes (link_id, hour, route, "count")
          SELECT link_id, hour, route, count(*)
          FROM new_visits WHERE route <> {{ClickRoute.Target}} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
          ON CONFLICT (link_id, hour, route) DO UPDATE SET
            "count" = visit_routes."count" + excluded."count")
        SELECT event_id FROM new_visits
        """;

    public async Task<IReadOnlyList<EnrichedVisit>> WriteAsync(
        IReadOnlyList<EnrichedVisit> visits, int events, bool moreWaiting, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClicksDbContext>();
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var tx = (NpgsqlTransaction)transaction.GetDbTransaction();
        var stored = await WriteAsync(connection, tx, visits, ct);
        await PipelineTotals.AddAsync(connection, tx, stored.Count, events - stored.Count, ct);
        await transaction.CommitAsync(ct);
        return stored;
    }

    /// <summary>Writes the visits and their counters; returns the visits that were new.</summary>
    private static async Task<IReadOnlyList<EnrichedVisit>> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<EnrichedVisit> visits, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(Write, connection, tx);
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
        p.Add(new NpgsqlParameter<short[]>("route", visits.Select(v => v.Route).ToArray()));

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
