using Hop.Clicks;
using Hop.Clicks.Writing;
using Hop.Data;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Hop.IntegrationTests.Clicks;

/// <summary>
/// Raw visits on PostgreSQL, each test on a database of its own: binary COPY into the day partitions of
/// <c>visits</c>, partitions made by several writers at once, retention by whole days, and the migration
/// that partitions a table holding visits already.
/// </summary>
public sealed class PostgresRawVisitsTests : IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 6, 15);

    private readonly Postgres _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => new(_database.CreateAsync());

    public ValueTask DisposeAsync() => new(_database.DropAsync());

    [Fact]
    public async Task Copied_visits_land_in_the_partitions_of_their_days_with_every_column()
    {
        await MigrateAsync();
        var late = At(Day, 23, 59, 59);
        var next = At(Day.AddDays(1), 0, 0, 0);
        var hash = new byte[] { 1, 2, 3, 4 };
        await using var connection = await OpenAsync();

        await using (var transaction = await connection.BeginTransactionAsync(Ct))
        {
            await PostgresRawVisits.CopyAsync(connection, transaction,
            [
                Visit(7, At(Day, 0, 0, 0)),
                Visit(7, late, referrer: "news.ycombinator.com", country: "DE", hash: hash, route: ClickRoute.Rule(2)),
                Visit(8, next),
                Visit(8, At(Day.AddDays(-3), 12, 0, 0)),
            ], sampleRate: 100, Ct);
            await transaction.CommitAsync(Ct);
        }

        Assert.Equal(
            [(PostgresVisitPartitions.NameOf(Day.AddDays(-3)), 1L), (PostgresVisitPartitions.NameOf(Day), 2L),
             (PostgresVisitPartitions.NameOf(Day.AddDays(1)), 1L)],
            await RowsPerPartitionAsync(connection));
        await using var db = Context();
        // Columns one by one: the entity's event_id is gone from the table.
        var stored = await db.Visits.Where(v => v.OccurredAt == late)
            .Select(v => new { v.LinkId, v.ReferrerHost, v.Browser, v.Os, v.Device, v.Class, v.Country, v.Route, v.SampleRate, v.VisitorHash })
            .SingleAsync(Ct);
        Assert.Equal(
            (7L, "news.ycombinator.com", "Chrome", "Windows", "Desktop", VisitorClass.Human, "DE", ClickRoute.Rule(2), (short)100),
            (stored.LinkId, stored.ReferrerHost, stored.Browser, stored.Os, stored.Device, stored.Class, stored.Country, stored.Route, stored.SampleRate));
        Assert.Equal(hash, stored.VisitorHash);
        var direct = await db.Visits.Where(v => v.OccurredAt == next)
            .Select(v => new { v.ReferrerHost, v.Country, v.Route }).SingleAsync(Ct);
        Assert.Equal(((string?)null, (string?)null, ClickRoute.Target), (direct.ReferrerHost, direct.Country, direct.Route));
        Assert.Equal(4, await db.Visits.Select(v => v.Id).Distinct().CountAsync(Ct));
    }

    [Fact]
    public async Task Writers_copying_the_same_new_days_at_once_all_succeed()
    {
        await MigrateAsync();
        const int writers = 4;
        var days = Enumerable.Range(0, 5).Select(i => Day.AddDays(10 + i)).ToList();

        await Parallel.ForAsync(0, writers, Ct, async (_, ct) =>
        {
            await using var connection = await OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await PostgresRawVisits.CopyAsync(connection, transaction, [.. days.Select(d => Visit(1, At(d, 8, 0, 0)))], 1, ct);
            await transaction.CommitAsync(ct);
        });

        await using var check = await OpenAsync();
        Assert.Equal([.. days.Select(d => (PostgresVisitPartitions.NameOf(d), (long)writers))], await RowsPerPartitionAsync(check));
    }

    /// <summary>A partition is attached, never created as PARTITION OF: a writer making one waits for no
    /// open batch, not even for its own.</summary>
    [Fact]
    public async Task Making_a_partition_waits_for_no_open_batch()
    {
        await MigrateAsync();
        await using var first = await OpenAsync();
        await using var open = await first.BeginTransactionAsync(Ct);
        await PostgresRawVisits.CopyAsync(first, open, [Visit(1, At(Day, 1, 0, 0))], 1, Ct);

        await using (var second = await OpenAsync())
        await using (var transaction = await second.BeginTransactionAsync(Ct))
        {
            await PostgresRawVisits.CopyAsync(second, transaction, [Visit(2, At(Day.AddDays(1), 1, 0, 0))], 1, Ct);
            await transaction.CommitAsync(Ct);
        }

        // The same open transaction meets another new day: its partition is made on another connection.
        await PostgresRawVisits.CopyAsync(first, open, [Visit(1, At(Day.AddDays(2), 1, 0, 0))], 1, Ct);
        await open.CommitAsync(Ct);

        var rows = await RowsPerPartitionAsync(first);
        Assert.Equal(new long[] { 1, 1, 1 }, rows.Select(p => p.Rows));
    }

    [Fact]
    public async Task Retention_drops_the_days_before_the_cutoff_makes_today_and_tomorrow_and_prunes_old_batch_ids()
    {
        await MigrateAsync();
        var now = At(Day, 12, 0, 0);
        var clock = new FakeTimeProvider(now);
        var options = new ClickOptions();
        var cutoff = now.AddDays(-options.RetentionDays);
        var cutoffDay = DateOnly.FromDateTime(cutoff);
        await using var connection = await OpenAsync();
        await using (var transaction = await connection.BeginTransactionAsync(Ct))
        {
            await PostgresRawVisits.CopyAsync(connection, transaction,
            [
                Visit(1, now.AddDays(-200)),
                Visit(1, cutoff.Date.AddSeconds(-1)),
                Visit(1, cutoff.Date),
                Visit(1, now.AddDays(-1)),
            ], 1, Ct);
            await transaction.CommitAsync(Ct);
        }

        await using (var db = Context())
        {
            db.AppliedBatches.AddRange(
                new AppliedBatch { BatchId = Guid.CreateVersion7(), AppliedAt = now.AddDays(-8) },
                new AppliedBatch { BatchId = Guid.CreateVersion7(), AppliedAt = now.AddDays(-6) });
            await db.SaveChangesAsync(Ct);
        }

        await Retention(clock, options).PruneAsync(Ct);

        Assert.Equal(
            [(PostgresVisitPartitions.NameOf(cutoffDay), 1L), (PostgresVisitPartitions.NameOf(Day.AddDays(-1)), 1L),
             (PostgresVisitPartitions.NameOf(Day), 0L), (PostgresVisitPartitions.NameOf(Day.AddDays(1)), 0L)],
            await RowsPerPartitionAsync(connection));
        await using (var db = Context())
        {
            Assert.Equal([now.AddDays(-6)], await db.AppliedBatches.Select(b => b.AppliedAt).ToListAsync(Ct));
        }

        // A late visit of a day already dropped gets its day back, until the next run.
        var late = PostgresVisitPartitions.NameOf(cutoffDay.AddDays(-1));
        await CopyAndCommitAsync(connection, [Visit(1, cutoff.Date.AddDays(-1))]);
        Assert.Contains((late, 1L), await RowsPerPartitionAsync(connection));
        await Retention(clock, options).PruneAsync(Ct);
        Assert.DoesNotContain(late, (await RowsPerPartitionAsync(connection)).Select(p => p.Partition));
    }

    /// <summary>A day this process knows, dropped by another process's retention: the batch fails once,
    /// and its retry makes the day again.</summary>
    [Fact]
    public async Task A_day_dropped_by_another_process_fails_one_batch_and_its_retry_makes_it_again()
    {
        await MigrateAsync();
        await using var connection = await OpenAsync();
        await CopyAndCommitAsync(connection, [Visit(1, At(Day, 6, 0, 0))]);
        await using (var otherRetention = new NpgsqlCommand($"DROP TABLE {PostgresVisitPartitions.NameOf(Day)}", connection))
        {
            await otherRetention.ExecuteNonQueryAsync(Ct);
        }

        var stale = await Assert.ThrowsAsync<PostgresException>(() => CopyAndCommitAsync(connection, [Visit(1, At(Day, 7, 0, 0))]));
        Assert.Equal(PostgresErrorCodes.CheckViolation, stale.SqlState);

        await CopyAndCommitAsync(connection, [Visit(1, At(Day, 7, 0, 0))]);
        Assert.Equal([(PostgresVisitPartitions.NameOf(Day), 1L)], await RowsPerPartitionAsync(connection));
    }

    [Fact]
    public async Task The_migration_partitions_existing_visits_and_keeps_them_and_their_ids()
    {
        await using var db = Context();
        var migrations = db.Database.GetMigrations().ToList();
        var mine = migrations.FindIndex(m => m.EndsWith("_PartitionVisits", StringComparison.Ordinal));
        Assert.True(mine > 0, string.Join(", ", migrations));
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[mine - 1], Ct);
        DateTime[] times = [At(Day, 0, 0, 0), At(Day, 23, 59, 59), At(Day.AddDays(1), 0, 0, 0), At(Day.AddDays(-40), 9, 30, 0)];
        await using var connection = await OpenAsync();
        await using (var columns = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'visits' AND column_name = 'event_id'", connection))
        {
            // Before the writer's migration the table has a unique event_id, after it none: either will do.
            var eventId = (long)(await columns.ExecuteScalarAsync(Ct))! > 0;
            foreach (var at in times)
            {
                await using var insert = new NpgsqlCommand(
                    $"""
                    INSERT INTO visits (link_id, occurred_at, browser, "class", visitor_hash, route{(eventId ? ", event_id" : "")})
                    VALUES (3, @at, 'Firefox', @class, '\x09', @route{(eventId ? ", gen_random_uuid()" : "")})
                    """, connection);
                insert.Parameters.AddWithValue("at", at);
                insert.Parameters.AddWithValue("class", (int)VisitorClass.Bot);
                insert.Parameters.AddWithValue("route", ClickRoute.Variant(1));
                await insert.ExecuteNonQueryAsync(Ct);
            }
        }

        var ids = await db.Visits.OrderBy(v => v.Id).Select(v => v.Id).ToListAsync(Ct);

        await migrator.MigrateAsync(migrations[mine], Ct);

        Assert.Equal(
            [(PostgresVisitPartitions.NameOf(Day.AddDays(-40)), 1L), (PostgresVisitPartitions.NameOf(Day), 2L),
             (PostgresVisitPartitions.NameOf(Day.AddDays(1)), 1L)],
            await RowsPerPartitionAsync(connection));
        Assert.Equal(ids, await db.Visits.OrderBy(v => v.Id).Select(v => v.Id).ToListAsync(Ct));
        Assert.All(await db.Visits.Select(v => new { v.Browser, v.Class, v.Route, v.SampleRate }).ToListAsync(Ct), v =>
            Assert.Equal(("Firefox", VisitorClass.Bot, ClickRoute.Variant(1), (short)1), (v.Browser, v.Class, v.Route, v.SampleRate)));

        // New rows go on numbering after the old ones.
        await CopyAndCommitAsync(connection, [Visit(3, At(Day, 12, 0, 0))]);
        Assert.Equal(ids[^1] + 1, await db.Visits.MaxAsync(v => v.Id, Ct));
        await using var eventIds = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'visits' AND column_name = 'event_id'", connection);
        Assert.Equal(0L, await eventIds.ExecuteScalarAsync(Ct));

        // Down makes it one plain table again, with every row.
        await migrator.MigrateAsync(migrations[mine - 1], Ct);
        await using var kind = new NpgsqlCommand("SELECT relkind::text FROM pg_class WHERE relname = 'visits'", connection);
        Assert.Equal("r", await kind.ExecuteScalarAsync(Ct));
        Assert.Equal([.. ids, ids[^1] + 1], await db.Visits.OrderBy(v => v.Id).Select(v => v.Id).ToListAsync(Ct));
    }

    private static DateTime At(DateOnly day, int hour, int minute, int second) =>
        day.ToDateTime(new TimeOnly(hour, minute, second), DateTimeKind.Utc);

    /// <summary>The one place these tests build a visit: the fields the COPY writes.</summary>
    private static EnrichedVisit Visit(
        long linkId, DateTime at, string? referrer = null, string? country = null, byte[]? hash = null,
        short route = ClickRoute.Target) => new()
    {
        LinkId = linkId,
        OccurredAt = at,
        ReferrerHost = referrer,
        Agent = new UserAgentInfo(VisitorClass.Human, "Chrome", "Windows", "Desktop"),
        Country = country,
        VisitorHash = hash ?? [0],
        Route = route,
    };

    private static async Task CopyAndCommitAsync(NpgsqlConnection connection, IReadOnlyList<EnrichedVisit> visits)
    {
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        await PostgresRawVisits.CopyAsync(connection, transaction, visits, 1, Ct);
        await transaction.CommitAsync(Ct);
    }

    /// <summary>Every partition of <c>visits</c> by name (so by day), with its row count.</summary>
    private static async Task<List<(string Partition, long Rows)>> RowsPerPartitionAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT c.relname, (SELECT count(*) FROM visits v WHERE v.tableoid = c.oid)
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'visits'::regclass ORDER BY 1
            """, connection);
        var rows = new List<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return rows;
    }

    private ClickRetention Retention(TimeProvider clock, ClickOptions options)
    {
        var services = new ServiceCollection();
        services.AddScoped<ClicksDbContext>(_ => Context());
        return new ClickRetention(
            services.BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), Options.Create(options), clock,
            DatabaseProvider.Postgres, NullLogger<ClickRetention>.Instance);
    }

    private async Task MigrateAsync()
    {
        await using var db = Context();
        await db.Database.MigrateAsync(Ct);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync(Ct);
        return connection;
    }

    private PostgresClicksDbContext Context()
    {
        var options = new DbContextOptionsBuilder<PostgresClicksDbContext>();
        options.UseHopPostgres(_database.ConnectionString, ClicksDbContext.MigrationsHistoryTable);
        return new PostgresClicksDbContext(options.Options);
    }
}
