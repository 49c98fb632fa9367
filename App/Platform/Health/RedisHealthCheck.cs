using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Boltly.Platform.Health;

internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"reachable ({latency.TotalMilliseconds:F1} ms)");
        }
        catch (Exception ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"unreachable ({ex.GetType().Name}): keys validate against PostgreSQL, rate limits are per instance");
        }
    }
}
