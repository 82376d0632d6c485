using Hop.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hop.Clicks.Stats;

/// <summary>
/// Folds each closed UTC day's hourly link counters into the daily ones (<see cref="LinkDay"/>,
/// <see cref="LinkDimensionDay"/>; a link's unique visitors per day, <see cref="LinkVisitorDay"/>, are
/// counted by the writer as it finds them new, for every day) and moves the watermark
/// (<see cref="CompactedDays"/>) to it, a day per transaction, oldest first; and each closed UTC hour's
/// profile rows into its top-list rows (<see cref="LinkDimensionHour"/>), moving the hour watermark
/// (<see cref="CompactedHours"/>), up to <see cref="HoursPerTransaction"/> hours per transaction. Runs at
/// start, then every <see cref="Period"/> and <see cref="Grace"/> after each UTC midnight. Hourly rows
/// stay: windows that cut a day read them, and the hours after the hour watermark are read from profiles.
/// The day compaction keeps reading profiles, so the two watermarks move independently.
///
/// A day above the watermark has no daily rows (a writer adds to them only for days at or below it, and
/// the watermark cannot move while a writer holds it), so plain INSERTs are right: a key that exists
/// already means the watermark was moved back by hand, and the day fails loudly instead of counting twice.
/// The watermark is locked for the whole day: FOR UPDATE on PostgreSQL (the row is inserted first when
/// missing, so that writers have a row to share-lock), BEGIN IMMEDIATE on SQLite. Days without hourly
/// rows are skipped in the same transaction as the next day that has some.
/// </summary>
internal sealed partial class ClickCompaction(
    IServiceScopeFactory scopes, TimeProvider time, DatabaseProvider provider, ILogger<ClickCompaction> logger)
    : BackgroundService
{
    /// <summary>How long after midnight a day counts as closed: time for the clicks of its last seconds
    /// to reach the database. Later ones are added to the daily rows by the writer.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(15);

    /// <summary>How long after its end an hour counts as closed, as <see cref="Grace"/> for a day.</summary>
    public static readonly TimeSpan HourGrace = TimeSpan.FromMinutes(2);

    /// <summary>The most hours folded in one transaction while catching up, so that a long backlog does
    /// not hold the writers off for long.</summary>
    public const int HoursPerTransaction = 24;

    private static readonly TimeSpan Period = TimeSpan.FromMinutes(5);

    // From the hours' counters (indexed by hour) to their profiles, as for a day, per hour.
    private static readonly string FoldDimensionHours = FoldDimensions("link_dimension_hours (link_id, hour", "p.hour", "{0}", "{1}", groupedByHour: true);

    private static readonly string FoldLinkDays = """
        INSERT INTO link_days (link_id, day, owner_id, total)
        SELECT link_id, {0}, max(owner_id), sum(total) FROM visit_counts
        WHERE hour >= {1} AND hour < {2}
        GROUP BY link_id
        """;

    // From the day's hourly counters (indexed by hour) to their profiles (the same link and hour), so
    // that only the day's profile rows are read; SQLite joins in the order written after CROSS JOIN.
    private static readonly string FoldDimensionDays = FoldDimensions("link_dimension_days (link_id, day", "{0}", "{1}", "{2}", groupedByHour: false);

    private static readonly string SetWatermark = """
        INSERT INTO click_counters (name, value) VALUES ({0}, {1})
        ON CONFLICT (name) DO UPDATE SET value = excluded.value
        """;

    /// <summary>One row per link, <paramref name="period"/> and dimension value, summed from the profiles
    /// of the hours in [<paramref name="from"/>, <paramref name="to"/>), reached through those hours' counters.</summary>
    private static string FoldDimensions(string into, string period, string from, string to, bool groupedByHour) => $$"""
        INSERT INTO {{into}}, dimension, value, "count")
        SELECT p.link_id, {{period}}, d.dimension,
               CASE d.dimension {{string.Concat(ProfileDimensions.All.Select(x => $"WHEN {(int)x.Dimension} THEN p.{x.Column} "))}}END,
               sum(p."count")
        FROM visit_counts c
        CROSS JOIN visit_profiles p
        CROSS JOIN ({{string.Join(" UNION ALL ", ProfileDimensions.All.Select(x => $"SELECT {(int)x.Dimension} AS dimension"))}}) d
        WHERE c.hour >= {{from}} AND c.hour < {{to}} AND p.link_id = c.link_id AND p.hour = c.hour
        GROUP BY p.link_id, {{(groupedByHour ? "p.hour, " : "")}}d.dimension, 4
        """;

    /// <summary>The last day the daily link counters hold in full; null when none is compacted yet.</summary>
    public static async Task<DateOnly?> ThroughAsync(ClicksDbContext db, CancellationToken ct) =>
        await CounterAsync(db, CompactedDays.Counter, ct) is { } dayNumber ? DateOnly.FromDayNumber(checked((int)dayNumber)) : null;

    /// <summary>The start of the last hour <see cref="LinkDimensionHour"/> holds in full; null when none is compacted yet.</summary>
    public static async Task<DateTime?> HoursThroughAsync(ClicksDbContext db, CancellationToken ct) =>
        await CounterAsync(db, CompactedHours.Counter, ct) is { } number ? CompactedHours.Start(number) : null;

    private static Task<long?> CounterAsync(ClicksDbContext db, string name, CancellationToken ct) =>
        db.ClickCounters.AsNoTracking().Where(c => c.Name == name).Select(c => (long?)c.Value).SingleOrDefaultAsync(ct);

    /// <summary>How long to wait from <paramref name="now"/> until the next run: <see cref="Period"/>, or less to run
    /// when the last day closes, <see cref="Grace"/> after midnight.</summary>
    public static TimeSpan UntilNextRun(DateTimeOffset now)
    {
        var closes = now.UtcDateTime.Date + Grace;
        if (closes <= now.UtcDateTime)
        {
            closes = closes.AddDays(1);
        }

        var untilClose = closes - now.UtcDateTime;
        return untilClose < Period ? untilClose : Period;
    }

    /// <summary>Compacts every closed day after the watermark; returns the days compacted.</summary>
    public async Task<IReadOnlyList<DateOnly>> CompactAsync(CancellationToken ct)
    {
        var lastClosed = DateOnly.FromDateTime((time.GetUtcNow() - Grace).UtcDateTime).AddDays(-1);
        var compacted = new List<DateOnly>();
        while (await CompactNextAsync(lastClosed, ct) is { } day)
        {
            compacted.Add(day);
        }

        return compacted;
    }

    /// <summary>Compacts every closed hour after the hour watermark; returns the last hour compacted, if any.</summary>
    public async Task<DateTime?> CompactHoursAsync(CancellationToken ct)
    {
        var now = (time.GetUtcNow() - HourGrace).UtcDateTime;
        var lastClosed = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc).AddHours(-1);
        DateTime? last = null;
        while (await CompactNextHoursAsync(lastClosed, ct) is { } hour)
        {
            last = hour;
        }

        return last;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                var days = await CompactAsync(stoppingToken);
                if (days.Count > 0)
                {
                    Compacted(logger, days.Count, days[^1]);
                }

                if (await CompactHoursAsync(stoppingToken) is { } hour)
                {
                    CompactedHoursThrough(logger, hour);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                CompactionFailed(logger, e);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // Stopped mid-run: what was committed stays, and the next start resumes after it. Letting
                // the exception out would read as a faulted service and stop the whole host.
                return;
            }

            try
            {
                await Task.Delay(UntilNextRun(time.GetUtcNow()), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Compacts the first day after the watermark that has hourly rows, if it is closed by
    /// <paramref name="lastClosed"/>; returns it, or null when there is none left.</summary>
    private async Task<DateOnly?> CompactNextAsync(DateOnly lastClosed, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClicksDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await using var transaction = await BeginAsync(db, ct);
        var through = await LockWatermarkAsync(db, CompactedDays.Counter, ct) is { } dayNumber
            ? DateOnly.FromDayNumber(checked((int)dayNumber))
            : DateOnly.MinValue;
        if (through >= lastClosed)
        {
            // Committed all the same, so that a watermark row inserted here stays for writers to lock.
            await transaction.CommitAsync(ct);
            return null;
        }

        var after = WindowSplit.Start(through.AddDays(1));
        var next = await db.VisitCounts.AsNoTracking().Where(c => c.Hour >= after).MinAsync(c => (DateTime?)c.Hour, ct);
        var day = next is { } hour ? DateOnly.FromDateTime(hour) : (DateOnly?)null;
        if (day is not { } closed || closed > lastClosed)
        {
            // Nothing hourly between the watermark and the last closed day: those days are complete as they are.
            await db.Database.ExecuteSqlRawAsync(SetWatermark, [CompactedDays.Counter, (long)lastClosed.DayNumber], ct);
            await transaction.CommitAsync(ct);
            return null;
        }

        var (from, to) = (WindowSplit.Start(closed), WindowSplit.Start(closed.AddDays(1)));
        await db.Database.ExecuteSqlRawAsync(FoldLinkDays, [closed, from, to], ct);
        await db.Database.ExecuteSqlRawAsync(FoldDimensionDays, [closed, from, to], ct);
        await db.Database.ExecuteSqlRawAsync(SetWatermark, [CompactedDays.Counter, (long)closed.DayNumber], ct);
        await transaction.CommitAsync(ct);
        return closed;
    }

    /// <summary>Folds the hours from the first after the hour watermark that has counters, up to
    /// <see cref="HoursPerTransaction"/> of them and no later than <paramref name="lastClosed"/>; returns the
    /// last hour folded, or null when there is none left. Hours without counters are passed over.</summary>
    private async Task<DateTime?> CompactNextHoursAsync(DateTime lastClosed, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClicksDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await using var transaction = await BeginAsync(db, ct);
        var through = await LockWatermarkAsync(db, CompactedHours.Counter, ct) is { } number ? CompactedHours.Start(number) : (DateTime?)null;
        if (through >= lastClosed)
        {
            await transaction.CommitAsync(ct);
            return null;
        }

        var after = through?.AddHours(1) ?? DateTime.MinValue;
        var next = await db.VisitCounts.AsNoTracking().Where(c => c.Hour >= after).MinAsync(c => (DateTime?)c.Hour, ct);
        if (next is not { } from || from > lastClosed)
        {
            await db.Database.ExecuteSqlRawAsync(SetWatermark, [CompactedHours.Counter, CompactedHours.Number(lastClosed)], ct);
            await transaction.CommitAsync(ct);
            return null;
        }

        var to = from.AddHours(HoursPerTransaction);
        if (to > lastClosed.AddHours(1))
        {
            to = lastClosed.AddHours(1);
        }

        await db.Database.ExecuteSqlRawAsync(FoldDimensionHours, [from, to], ct);
        await db.Database.ExecuteSqlRawAsync(SetWatermark, [CompactedHours.Counter, CompactedHours.Number(to) - 1], ct);
        await transaction.CommitAsync(ct);
        return to.AddHours(-1);
    }

    /// <summary>SQLite: BEGIN IMMEDIATE, so the write lock is held from the first read of the watermark.</summary>
    private async Task<IDbContextTransaction> BeginAsync(ClicksDbContext db, CancellationToken ct)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            return await db.Database.BeginTransactionAsync(ct);
        }

        await db.Database.OpenConnectionAsync(ct);
        var sqlite = (SqliteConnection)db.Database.GetDbConnection();
        return await db.Database.UseTransactionAsync(sqlite.BeginTransaction(deferred: false), ct)
               ?? throw new InvalidOperationException("The clicks context took no transaction.");
    }

    /// <summary>The watermark <paramref name="counter"/>, locked until the transaction ends. On PostgreSQL
    /// a missing row is inserted as 0 first (day 0001-01-01, hour 1970-01-01 00:00: before any visit), so
    /// that writers have a row to share-lock; on SQLite a missing one reads as null.</summary>
    private async Task<long?> LockWatermarkAsync(ClicksDbContext db, string counter, CancellationToken ct)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO click_counters (name, value) VALUES ({0}, 0) ON CONFLICT (name) DO NOTHING", [counter], ct);
            var locked = await db.Database
                .SqlQueryRaw<long>("SELECT value AS \"Value\" FROM click_counters WHERE name = {0} FOR UPDATE", counter)
                .ToListAsync(ct);
            return locked.Single();
        }

        return await CounterAsync(db, counter, ct);
    }

    [LoggerMessage(EventId = 580, Level = LogLevel.Information, Message = "Compacted {Days} day(s) of hourly click counters, through {Through}")]
    private static partial void Compacted(ILogger logger, int days, DateOnly through);

    [LoggerMessage(EventId = 590, Level = LogLevel.Information, Message = "Compacted the closed hours' top-list rows through {Through:u}")]
    private static partial void CompactedHoursThrough(ILogger logger, DateTime through);

    [LoggerMessage(EventId = 581, Level = LogLevel.Warning, Message = "Compacting click counters failed; retrying at the next run")]
    private static partial void CompactionFailed(ILogger logger, Exception exception);
}
