using Hop.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hop.Links;

/// <summary>Removes idempotency records older than <see cref="IdempotencyOptions.RetentionHours"/>, hourly.</summary>
internal sealed partial class IdempotencyCleanup(
    IServiceScopeFactory scopes,
    IOptions<IdempotencyOptions> options,
    TimeProvider time,
    ILogger<IdempotencyCleanup> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<HopDbContext>();
                var cutoff = time.GetUtcNow().UtcDateTime - TimeSpan.FromHours(options.Value.RetentionHours);
                var removed = await db.IdempotencyRecords.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(stoppingToken);
                if (removed > 0)
                {
                    Removed(logger, removed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                CleanupFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Removed {Count} expired idempotency records")]
    private static partial void Removed(ILogger logger, int count);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Removing expired idempotency records failed; retrying in an hour")]
    private static partial void CleanupFailed(ILogger logger, Exception exception);
}
