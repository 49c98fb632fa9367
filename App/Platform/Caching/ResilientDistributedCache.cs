using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace Boltly.Platform.Caching;

/// <summary>
/// The Redis tier of the two-tier cache, made optional: while Redis is unreachable a read is a miss
/// and a write is skipped, so lookups go to PostgreSQL instead of failing. After a failure the tier
/// is skipped for a short pause rather than timing out on every request.
/// </summary>
public sealed class ResilientDistributedCache(IOptions<RedisCacheOptions> options, TimeProvider clock,
    ILogger<ResilientDistributedCache> logger) : IDistributedCache, IDisposable
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);
    private readonly RedisCache _inner = new(options);
    private long _skipUntilTicks;

    public byte[]? Get(string key) => Guard(() => _inner.Get(key), null);
    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => GuardAsync(() => _inner.GetAsync(key, token), null);
    public void Refresh(string key) => Guard(() => { _inner.Refresh(key); return true; }, false);
    public Task RefreshAsync(string key, CancellationToken token = default) => GuardAsync(async () => { await _inner.RefreshAsync(key, token); return true; }, false);
    public void Remove(string key) => Guard(() => { _inner.Remove(key); return true; }, false);
    public Task RemoveAsync(string key, CancellationToken token = default) => GuardAsync(async () => { await _inner.RemoveAsync(key, token); return true; }, false);
    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Guard(() => { _inner.Set(key, value, options); return true; }, false);
    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        GuardAsync(async () => { await _inner.SetAsync(key, value, options, token); return true; }, false);

    public void Dispose() => _inner.Dispose();

    private bool Paused => clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _skipUntilTicks);

    private T Guard<T>(Func<T> action, T fallback)
    {
        if (Paused) return fallback;
        try { return action(); }
        catch (Exception ex) when (ex is not OperationCanceledException) { Trip(ex); return fallback; }
    }

    private async Task<T> GuardAsync<T>(Func<Task<T>> action, T fallback)
    {
        if (Paused) return fallback;
        try { return await action(); }
        catch (Exception ex) when (ex is not OperationCanceledException) { Trip(ex); return fallback; }
    }

    private void Trip(Exception ex)
    {
        Interlocked.Exchange(ref _skipUntilTicks, clock.GetUtcNow().Add(Pause).UtcTicks);
        logger.LogWarning("Redis cache tier unavailable, serving from memory and PostgreSQL: {Error}", ex.GetType().Name);
    }
}
