using Hop.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hop.Clicks.Writing;

/// <summary>
/// Prunes what the click pipeline keeps only for a while, once at start and then hourly: raw visits and
/// daily visitor rows older than <see cref="ClickOptions.RetentionDays"/>, visitor salts older than
/// yesterday and applied batch ids older than <see cref="AppliedBatchDays"/> (a redelivery comes long
/// before that). On PostgreSQL raw visits go a whole day at a time, by dropping the day partitions that
/// end before the cutoff, and today's and tomorrow's partitions are made ahead, so writers seldom make
/// one; SQLite deletes the rows. Hourly and daily counters stay forever: they are what the stats read,
/// and they hold no visitor.
/// </summary>
internal sealed partial class ClickRetention(
    IServiceScopeFactory scopes, IOptions<ClickOptions> options, TimeProvider time, DatabaseProvider provider,
    ILogger<ClickRetention> logger)
    : BackgroundService
{
    public const int AppliedBatchDays = 7;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        while (true)
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                PruneFailed(logger, e);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // Stopped mid-run: what was committed stays, and the next start resumes after it. Letting
                // the exception out would read as a faulted service and stop the whole host.
                return;
            }

            try
            {
                if (!await timer.WaitForNextTickAsync(stoppingToken))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task PruneAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var cutoff = now.AddDays(-options.Value.RetentionDays);
        var cutoffDay = DateOnly.FromDateTime(cutoff);
        var oldestSalt = VisitorSalts.NameOf(DateOnly.FromDateTime(now).AddDays(-1));
        var oldestBatch = now.AddDays(-AppliedBatchDays);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClicksDbContext>();
        if (provider == DatabaseProvider.Postgres)
        {
            await PrunePartitionsAsync(db, DateOnly.FromDateTime(now), cutoffDay, ct);
        }
        else
        {
            var visits = await db.Visits.Where(v => v.OccurredAt < cutoff).ExecuteDeleteAsync(ct);
            if (visits > 0)
            {
                VisitsDeleted(logger, visits);
            }
        }

        var visitors = await db.DailyVisitors.Where(v => v.Day < cutoffDay).ExecuteDeleteAsync(ct);
        var batches = await db.AppliedBatches.Where(b => b.AppliedAt < oldestBatch).ExecuteDeleteAsync(ct);
        // Names sort by date, so an ordinal comparison finds the old salts.
        await db.ClickCounters
            .Where(c => c.Name.StartsWith(VisitorSalts.Prefix) && string.Compare(c.Name, oldestSalt) < 0)
            .ExecuteDeleteAsync(ct);
        if (visitors + batches > 0)
        {
            Pruned(logger, visitors, batches);
        }
    }

    /// <summary>Drops the days before <paramref name="keptFrom"/>, then makes today's and tomorrow's.</summary>
    private async Task PrunePartitionsAsync(ClicksDbContext db, DateOnly today, DateOnly keptFrom, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var dropped = await PostgresVisitPartitions.DropBeforeAsync(connection, keptFrom, ct);
        if (dropped.Count > 0)
        {
            PartitionsDropped(logger, dropped.Count, dropped[0], dropped[^1]);
        }

        await PostgresVisitPartitions.CreateAsync(connection, [today, today.AddDays(1)], ct);
    }

    [LoggerMessage(EventId = 560, Level = LogLevel.Information, Message = "Dropped {Count} day partition(s) of raw visits past retention, {First} to {Last}")]
    private static partial void PartitionsDropped(ILogger logger, int count, DateOnly first, DateOnly last);

    [LoggerMessage(EventId = 561, Level = LogLevel.Information, Message = "Deleted {Visits} raw visit(s) past retention")]
    private static partial void VisitsDeleted(ILogger logger, int visits);

    [LoggerMessage(EventId = 562, Level = LogLevel.Information, Message = "Pruned {Visitors} daily visitor row(s) past retention and {Batches} applied batch id(s) past redelivery")]
    private static partial void Pruned(ILogger logger, int visitors, int batches);

    [LoggerMessage(EventId = 563, Level = LogLevel.Warning, Message = "Pruning old visits failed; retrying in an hour")]
    private static partial void PruneFailed(ILogger logger, Exception exception);
}
