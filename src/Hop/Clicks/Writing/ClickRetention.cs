using Hop.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hop.Clicks.Writing;

/// <summary>
/// Prunes raw visits and daily visitor rows older than <see cref="ClickOptions.RetentionDays"/> and
/// visitor salts older than yesterday, once at start and then hourly. Hourly counters (visits, profiles,
/// routes) stay forever: they are what the stats read, and they hold no visitor.
/// </summary>
internal sealed partial class ClickRetention(
    IServiceScopeFactory scopes, IOptions<ClickOptions> options, TimeProvider time, ILogger<ClickRetention> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        while (true)
        {
            try
            {
                var (visits, visitors) = await PruneAsync(stoppingToken);
                if (visits + visitors > 0)
                {
                    Pruned(logger, visits, visitors);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                PruneFailed(logger, e);
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

    public async Task<(int Visits, int Visitors)> PruneAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var cutoff = now.AddDays(-options.Value.RetentionDays);
        var cutoffDay = DateOnly.FromDateTime(cutoff);
        var oldestSalt = VisitorSalts.NameOf(DateOnly.FromDateTime(now).AddDays(-1));

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClicksDbContext>();
        var visits = await db.Visits.Where(v => v.OccurredAt < cutoff).ExecuteDeleteAsync(ct);
        var visitors = await db.DailyVisitors.Where(v => v.Day < cutoffDay).ExecuteDeleteAsync(ct);
        // Names sort by date, so an ordinal comparison finds the old salts.
        await db.ClickCounters
            .Where(c => c.Name.StartsWith(VisitorSalts.Prefix) && string.Compare(c.Name, oldestSalt) < 0)
            .ExecuteDeleteAsync(ct);
        return (visits, visitors);
    }

    [LoggerMessage(EventId = 540, Level = LogLevel.Information, Message = "Pruned {Visits} raw visit(s) and {Visitors} daily visitor row(s) past retention")]
    private static partial void Pruned(ILogger logger, int visits, int visitors);

    [LoggerMessage(EventId = 541, Level = LogLevel.Warning, Message = "Pruning old visits failed; retrying in an hour")]
    private static partial void PruneFailed(ILogger logger, Exception exception);
}
