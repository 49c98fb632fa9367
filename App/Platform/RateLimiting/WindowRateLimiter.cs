using System.Collections.Concurrent;
using Boltly.Platform.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Boltly.Platform.RateLimiting;

/// <summary>
/// Fixed-window counters shared by every instance through Redis. Requests for one bucket that arrive
/// while its previous Redis call is in flight are counted together by the next call (one INCRBY for
/// the whole group, each request getting its own place in the sequence), so a busy key costs one
/// round-trip per group, not per request, and every count stays exact across instances. Windows are aligned to the clock (<see cref="TimeProvider"/>), so tests move time instead
/// of sleeping. A bucket already over its limit is refused from a local note until its window ends,
/// without asking Redis. If Redis is unreachable, counting falls back to this instance's memory.
/// </summary>
public sealed class WindowRateLimiter(IConnectionMultiplexer redis, IOptions<RedisOptions> redisOptions,
    TimeProvider clock, ILogger<WindowRateLimiter> logger)
{
    private const string IncrementScript = """
        local count = redis.call('INCRBY', KEYS[1], ARGV[2])
        if count == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return count
        """;

    private static readonly TimeSpan RedisPause = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, long> _deniedUntilWindow = new();
    private readonly ConcurrentDictionary<string, LocalCounter> _local = new();
    private readonly ConcurrentDictionary<string, PendingGroup> _pending = new(StringComparer.Ordinal);
    private long _redisPausedUntilTicks;

    /// <summary>Counts one request for <paramref name="bucket"/>; callers go through <see cref="RateLimitPolicies"/>.</summary>
    internal async ValueTask<RateLimitDecision> HitAsync(string policy, string bucket, int limit, int windowSeconds)
    {
        var now = clock.GetUtcNow();
        var windowMs = windowSeconds * 1000L;
        var nowMs = now.ToUnixTimeMilliseconds();
        var window = nowMs / windowMs;
        var reset = (int)Math.Max(1, ((window + 1) * windowMs - nowMs + 999) / 1000);

        if (_deniedUntilWindow.TryGetValue(bucket, out var deniedWindow) && deniedWindow == window)
            return new RateLimitDecision(policy, false, limit, 0, reset, windowSeconds, true);

        long count;
        var shared = true;
        if (now.UtcTicks >= Interlocked.Read(ref _redisPausedUntilTicks))
        {
            try
            {
                count = await CountSharedAsync($"{redisOptions.Value.KeyPrefix}rl:{bucket}:{window}", windowMs * 2);
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
            return new RateLimitDecision(policy, false, limit, 0, reset, windowSeconds, shared);
        }
        return new RateLimitDecision(policy, true, limit, (int)(limit - count), reset, windowSeconds, shared);
    }

    /// <summary>The refusal for <paramref name="bucket"/> when this instance already saw it over its limit in the
    /// current window (nothing is counted and nothing asked); null otherwise.</summary>
    internal RateLimitDecision? RefusedUntilWindowEnd(string policy, string bucket, int limit, int windowSeconds)
    {
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var windowMs = windowSeconds * 1000L;
        var window = nowMs / windowMs;
        if (!_deniedUntilWindow.TryGetValue(bucket, out var deniedWindow) || deniedWindow != window) return null;
        var reset = (int)Math.Max(1, ((window + 1) * windowMs - nowMs + 999) / 1000);
        return new RateLimitDecision(policy, false, limit, 0, reset, windowSeconds, true);
    }

    /// <summary>True while Redis counting is paused after a failure (reported by health).</summary>
    public bool IsDegraded => clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _redisPausedUntilTicks);

    /// <summary>Joins the group of requests waiting to be counted for <paramref name="redisKey"/>, starting
    /// the pump if none runs; completes with this request's own count.</summary>
    private Task<long> CountSharedAsync(string redisKey, long expireMs)
    {
        var mine = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        while (true)
        {
            var group = _pending.GetOrAdd(redisKey, static _ => new PendingGroup());
            bool startPump;
            lock (group)
            {
                if (group.Closed) continue;
                group.Waiting.Add(mine);
                startPump = !group.Pumping;
                group.Pumping = true;
            }
            if (startPump) _ = PumpAsync(redisKey, group, expireMs);
            return mine.Task;
        }
    }

    /// <summary>Sends one INCRBY per group of waiting requests until none is left, then retires the group.</summary>
    private async Task PumpAsync(string redisKey, PendingGroup group, long expireMs)
    {
        var key = new RedisKey(redisKey);
        while (true)
        {
            TaskCompletionSource<long>[] batch;
            lock (group)
            {
                if (group.Waiting.Count == 0)
                {
                    group.Closed = true;
                    _pending.TryRemove(new KeyValuePair<string, PendingGroup>(redisKey, group));
                    return;
                }
                batch = [.. group.Waiting];
                group.Waiting.Clear();
            }
            try
            {
                // Whatever fails here fails this batch only: every waiter gets the exception (and falls
                // back to local counting), none is left waiting.
                var last = (long)await redis.GetDatabase().ScriptEvaluateAsync(IncrementScript, [key], [expireMs, batch.Length]);
                var first = last - batch.Length + 1;
                for (var i = 0; i < batch.Length; i++) batch[i].TrySetResult(first + i);
            }
            catch (Exception ex)
            {
                foreach (var waiting in batch) waiting.TrySetException(ex);
            }
        }
    }

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

    private sealed class PendingGroup
    {
        public List<TaskCompletionSource<long>> Waiting { get; } = [];
        public bool Pumping { get; set; }
        public bool Closed { get; set; }
    }
}
