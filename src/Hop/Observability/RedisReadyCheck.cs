using Hop.Redirects;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hop.Observability;

/// <summary>Redis, when configured, is connected and answers PING.</summary>
internal sealed class RedisReadyCheck(LinkCache cache) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (cache.Redis is not { IsConnected: true } redis)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "redis not connected; serving from L1 and the database");
        }

        try
        {
            await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"redis ping failed: {e.GetType().Name}");
        }
    }
}
