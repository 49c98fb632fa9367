using System.Collections.Concurrent;
using Boltly.Infrastructure.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Boltly.Infrastructure.RateLimiting;

/// <summary>
/// Fixed-window counters shared by every instance through Redis: one atomic script call per
/// request. Windows are aligned to the clock (<see cref="TimeProvider"/>), so tests move time instead
/// of sleeping. A bucket already over its limit is refused from a local note until its window ends,
/// without asking Redis. If Redis is unreachable, counting falls back to this instance's memory.
/// </summary>
public sealed class WindowRateLimiter(IConnectionMultiplexer redis, IOptions<RedisOptions> redisOptions,
    TimeProvider clock, ILogger<WindowRateLimiter> logger)
{
    private const string IncrementScript = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return count
        """;

    private static readonly TimeSpan RedisPause = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, long> _deniedUntilWindow = new();
    private readonly ConcurrentDictionary<string, LocalCounter> _local = new();
    private long _redisPausedUntilTicks;

    public async ValueTask<RateLimitDecision> HitAsync(string bucket, int limit, int windowSeconds)
    {
        var now = clock.GetUtcNow();
        var windowMs = windowSeconds * 1000L;
        var nowMs = now.ToUnixTimeMilliseconds();
        var window = nowMs / windowMs;
        var reset = (int)Math.Max(1, ((window + 1) * windowMs - nowMs + 999) / 1000);

        if (_deniedUntilWindow.TryGetValue(bucket, out var deniedWindow) && deniedWindow == window)
            return new RateLimitDecision(false, limit, 0, reset, windowSeconds, true);

        long count;
        var shared = true;
        if (now.UtcTicks >= Interlocked.Read(ref _redisPausedUntilTicks))
        {
            try
            {
                var key = new RedisKey($"{redisOptions.Value.KeyPrefix}rl:{bucket}:{window}");
                var result = await redis.GetDatabase().ScriptEvaluateAsync(IncrementScript, [key], [windowMs * 2]);
                count = (long)result;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                Interlocked.Exchange(ref _redisPausedUntilTicks, now.Add(RedisPause).UtcTicks);
                logger.LogWarning("Rate limits fall back to per-instance counters: Redis unavailable ({Error})", ex.GetType().Name);
                count = CountLocally(bucket, window);
                shared = false;
            }
        }
        else
        {
            count = CountLocally(bucket, window);
            shared = false;
        }

        if (count > limit)
        {
            _deniedUntilWindow[bucket] = window;
            if (_deniedUntilWindow.Count > 100_000) PruneDenied(window);
            return new RateLimitDecision(false, limit, 0, reset, windowSeconds, shared);
        }
        return new RateLimitDecision(true, limit, (int)(limit - count), reset, windowSeconds, shared);
    }

    /// <summary>True while Redis counting is paused after a failure (reported by health).</summary>
    public bool IsDegraded => clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _redisPausedUntilTicks);

    private long CountLocally(string bucket, long window)
    {
        var counter = _local.AddOrUpdate(bucket,
            _ => new LocalCounter(window, 1),
            (_, c) => c.Window == window ? c with { Count = c.Count + 1 } : new LocalCounter(window, 1));
        if (_local.Count > 100_000)
            foreach (var (k, v) in _local) if (v.Window < window) _local.TryRemove(k, out _);
        return counter.Count;
    }

    private void PruneDenied(long window)
    {
        foreach (var (k, v) in _deniedUntilWindow) if (v < window) _deniedUntilWindow.TryRemove(k, out _);
    }

    private sealed record LocalCounter(long Window, long Count);
}
