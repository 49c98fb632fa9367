using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Boltly.Platform.Api;
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
    TimeProvider clock, ILogger<WindowRateLimiter> logger, BenchMeasurements? bench = null)
{
    private readonly bool _countLocally = bench?.CountLocally == true;

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
    private readonly ConcurrentDictionary<string, WindowKey> _redisKeys = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Dictionary<string, PendingGroup> _waiting = new(StringComparer.Ordinal);
    private Dictionary<string, PendingGroup>? _spare;
    private bool _pumping;
    private long _redisPausedUntilTicks;

    /// <summary>Counts one request for <paramref name="bucket"/>; callers go through <see cref="RateLimitPolicies"/>.
    /// Every shared count waits for Redis, so this frame is suspended on every request: its box is pooled rather than
    /// allocated each time (every caller awaits the result once).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
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
        if (!_countLocally && now.UtcTicks >= Interlocked.Read(ref _redisPausedUntilTicks))
        {
            try
            {
                count = await CountSharedAsync(RedisKeyOf(bucket, window), windowMs * 2);
            }
            // InvalidOperationException too: StackExchange.Redis 2.13 can fail a call with "Reading is not allowed
            // after reader was completed" while it restarts a connection's reader (seen in bench/run.sh); and a
            // cancelled call (TaskCanceledException from ScriptEvaluateAsync, seen under heavy load): the count is
            // given no cancellation token, so either is Redis being unavailable for this call, not a bug in the request.
            catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidOperationException or OperationCanceledException)
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

    /// <summary>The number of the current window of <paramref name="windowSeconds"/> (windows are aligned to the clock).</summary>
    internal long CurrentWindow(int windowSeconds) => clock.GetUtcNow().ToUnixTimeMilliseconds() / (windowSeconds * 1000L);

    /// <summary>True while Redis counting is paused after a failure (reported by health).</summary>
    public bool IsDegraded => clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _redisPausedUntilTicks);

    /// <summary>Joins the requests waiting to be counted (of any bucket), starting the pump if none runs;
    /// completes with this request's own count. A pooled waiter, no task allocated (ADR 0033).</summary>
    private ValueTask<long> CountSharedAsync(string redisKey, long expireMs)
    {
        var mine = CountWaiter.Rent();
        var pending = mine.Task;
        bool startPump;
        lock (_gate)
        {
            if (!_waiting.TryGetValue(redisKey, out var group)) _waiting[redisKey] = group = PendingGroup.Rent(expireMs);
            group.Waiting.Add(mine);
            startPump = !_pumping;
            _pumping = true;
        }
        if (startPump) _ = PumpAsync();
        return pending;
    }

    /// <summary>
    /// Sends everything waiting, every bucket at once, in one script call (one INCRBY per bucket with the
    /// size of its group), then again for whatever arrived meanwhile, until nothing waits (ADR 0021). When a reply
    /// arrives, the next batch (if any) is sent by a new pump before the waiters are released, and this pump's thread
    /// runs one waiter's request itself instead of queuing it (ADR 0033).
    /// </summary>
    private async Task PumpAsync()
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
            _waiting = _spare ?? new Dictionary<string, PendingGroup>(StringComparer.Ordinal);
            _spare = null;
        }
        long[]? counts = null;
        Exception? error = null;
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
            counts = (long[])(await redis.GetDatabase().ScriptEvaluateAsync(IncrementScript, keys, args))!;
        }
        catch (Exception ex)
        {
            error = ex;
        }
        // What arrived during the call goes out now, on a pump of its own, before anyone waiting here resumes.
        bool more;
        lock (_gate)
        {
            more = _waiting.Count > 0;
            if (!more) _pumping = false;
        }
        if (more) _ = PumpAsync();
        Release(batch, counts, error);
    }

    /// <summary>Gives each waiter its place in its bucket's sequence; all but the last run on the thread pool, the last
    /// on this thread.</summary>
    private void Release(Dictionary<string, PendingGroup> batch, long[]? counts, Exception? error)
    {
        CountWaiter? last = null;
        var i = 0;
        foreach (var group in batch.Values)
        {
            var first = counts is null ? 0 : counts[i] - group.Waiting.Count + 1;
            i++;
            for (var j = 0; j < group.Waiting.Count; j++)
            {
                if (last is not null) ThreadPool.UnsafeQueueUserWorkItem(last, preferLocal: false);
                last = group.Waiting[j];
                last.Prepare(first + j, error);
            }
            group.Return();
        }
        batch.Clear();
        lock (_gate) _spare ??= batch;
        last?.Complete();
    }

    /// <summary>The bucket's Redis key in <paramref name="window"/>, made once per bucket and window rather than per request.</summary>
    private string RedisKeyOf(string bucket, long window)
    {
        if (_redisKeys.TryGetValue(bucket, out var known) && known.Window == window) return known.Key;
        if (_redisKeys.Count > 100_000) _redisKeys.Clear();
        var key = $"{redisOptions.Value.KeyPrefix}rl:{bucket}:{window}";
        _redisKeys[bucket] = new WindowKey(window, key);
        return key;
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

    private sealed record WindowKey(long Window, string Key);

    /// <summary>The waiters of one bucket in one batch; reused from a small pool like the waiters.</summary>
    private sealed class PendingGroup
    {
        private static readonly ConcurrentQueue<PendingGroup> Pool = new();

        public long ExpireMs { get; private set; }
        public List<CountWaiter> Waiting { get; } = [];

        public static PendingGroup Rent(long expireMs)
        {
            var group = Pool.TryDequeue(out var pooled) ? pooled : new PendingGroup();
            group.ExpireMs = expireMs;
            return group;
        }

        public void Return()
        {
            Waiting.Clear();
            if (Pool.Count < 1024) Pool.Enqueue(this);
        }
    }
}
