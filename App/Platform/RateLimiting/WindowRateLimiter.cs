using System.Collections.Concurrent;
using Boltly.Platform.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Boltly.Platform.RateLimiting;

/// <summary>
/// Fixed-window counters shared by every instance through Redis. Requests that arrive while the previous
/// Redis call is in flight, for any bucket, are counted together by the next call (one script call, one
/// INCRBY per bucket for its whole group, each request getting its own place in its bucket's sequence),
/// so busy traffic costs one round-trip per group, not per request or per key, and every count stays
/// exact across instances (ADR 0007, ADR 0021). Windows are aligned to the clock (<see cref="TimeProvider"/>), so tests move time instead
/// of sleeping. A bucket already over its limit is refused from a local note until its window ends,
/// without asking Redis. If Redis is unreachable, counting falls back to this instance's memory.
/// </summary>
public sealed class WindowRateLimiter(IConnectionMultiplexer redis, IOptions<RedisOptions> redisOptions,
    TimeProvider clock, ILogger<WindowRateLimiter> logger)
{
    // KEYS[i] counts ARGV[2i] more requests; a key created by this call expires after ARGV[2i-1] ms.
    private const string IncrementScript = """
        local counts = {}
        for i, key in ipairs(KEYS) do
          local n = tonumber(ARGV[2 * i])
          local count = redis.call('INCRBY', key, n)
          if count == n then redis.call('PEXPIRE', key, ARGV[2 * i - 1]) end
          counts[i] = count
        end
        return counts
        """;

    private static readonly TimeSpan RedisPause = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, long> _deniedUntilWindow = new();
    private readonly ConcurrentDictionary<string, LocalCounter> _local = new();
    private readonly Lock _gate = new();
    private Dictionary<string, PendingGroup> _waiting = new(StringComparer.Ordinal);
    private bool _pumping;
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
            // InvalidOperationException too: StackExchange.Redis 2.13 can fail a call with "Reading is not allowed
            // after reader was completed" while it restarts a connection's reader (seen in bench/run.sh); that is
            // Redis being unavailable for this call, not a bug in the request.
            catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidOperationException)
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

    /// <summary>Joins the requests waiting to be counted (of any bucket), starting the pump if none runs;
    /// completes with this request's own count.</summary>
    private Task<long> CountSharedAsync(string redisKey, long expireMs)
    {
        var mine = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool startPump;
        lock (_gate)
        {
            if (!_waiting.TryGetValue(redisKey, out var group)) _waiting[redisKey] = group = new PendingGroup(expireMs);
            group.Waiting.Add(mine);
            startPump = !_pumping;
            _pumping = true;
        }
        if (startPump) _ = PumpAsync();
        return mine.Task;
    }

    /// <summary>
    /// Sends everything waiting, every bucket at once, in one script call (one INCRBY per bucket with the
    /// size of its group), then again for whatever arrived meanwhile, until nothing waits (ADR 0021).
    /// </summary>
    private async Task PumpAsync()
    {
        while (true)
        {
            Dictionary<string, PendingGroup> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _pumping = false;
                    return;
                }
                batch = _waiting;
                _waiting = new Dictionary<string, PendingGroup>(StringComparer.Ordinal);
            }
            try
            {
                // Whatever fails here fails this batch only: every waiter gets the exception (and falls
                // back to local counting), none is left waiting.
                var keys = new RedisKey[batch.Count];
                var args = new RedisValue[batch.Count * 2];
                var i = 0;
                foreach (var (key, group) in batch)
                {
                    keys[i] = key;
                    args[2 * i] = group.ExpireMs;
                    args[2 * i + 1] = group.Waiting.Count;
                    i++;
                }
                var counts = (long[])(await redis.GetDatabase().ScriptEvaluateAsync(IncrementScript, keys, args))!;
                i = 0;
                foreach (var group in batch.Values)
                {
                    var first = counts[i++] - group.Waiting.Count + 1;
                    for (var j = 0; j < group.Waiting.Count; j++) group.Waiting[j].TrySetResult(first + j);
                }
            }
            catch (Exception ex)
            {
                foreach (var group in batch.Values)
                    foreach (var waiting in group.Waiting) waiting.TrySetException(ex);
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

    private sealed class PendingGroup(long expireMs)
    {
        public long ExpireMs { get; } = expireMs;
        public List<TaskCompletionSource<long>> Waiting { get; } = [];
    }
}
