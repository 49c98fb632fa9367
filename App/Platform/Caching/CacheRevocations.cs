using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Boltly.Platform.Caching;

/// <summary>
/// Revocation of a cached access decision, the whole path, for every kind of entry that can be revoked (an API key,
/// a session; docs/several-instances.md). The owner commits the revocation, then calls <see cref="RevokeAsync"/>, which:
/// <list type="number">
/// <item><b>remembers the key</b>: a reader refuses a cached copy of an entry listed here (<see cref="IsRecentlyRevoked"/>),
/// however it got into the cache;</item>
/// <item><b>evicts and publishes</b>: the entry goes from this instance's memory and from Redis, and the revocation is
/// published on the <see cref="CacheInvalidationBus"/> channel; every other instance remembers the key too
/// (<see cref="StartAsync"/> listens) before dropping its memory copy;</item>
/// <item><b>evicts again</b> after the owner's delay: a lookup that read the row just before the revocation committed may
/// have written its stale, active copy back to Redis after the first eviction.</item>
/// </list>
/// A key is remembered for twice the cache lifetime plus the re-eviction delay, longer than any such stale copy can live.
/// With Redis down the publish is lost: this instance still refuses the entry (step 1), the others clear their memory
/// tier when the connection comes back, and the cache lifetime bounds the rest.
/// </summary>
public sealed class CacheRevocations(CacheInvalidationBus bus, IOptions<CacheOptions> cache, TimeProvider clock,
    ILogger<CacheRevocations> logger) : IHostedService
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);
    // Raised before an entry is added and recounted after a sweep, so it is never below the real count:
    // the hot path skips the lookup entirely while nothing was revoked recently.
    private int _count;

    /// <summary>Raised on this instance for every revoked key, its own and other instances' (a live dashboard circuit
    /// listens, to sign out at once).</summary>
    public event Action<string>? Revoked;

    /// <summary>Whether anything was revoked recently: false on the hot path almost always, so readers can skip building a key.</summary>
    public bool AnyRecent => Volatile.Read(ref _count) > 0;

    /// <summary>
    /// Called once a revocation has committed (again for an already revoked entry: harmless, and it heals a cache that
    /// missed the first time). Not cancellable: a revocation that committed must not keep working because the
    /// request went away.
    /// </summary>
    public async Task RevokeAsync(string cacheKey, TimeSpan evictAgainAfter)
    {
        Remember(cacheKey, evictAgainAfter);
        await bus.RevokeEverywhereAsync(cacheKey, CancellationToken.None);
        _ = EvictAgainAsync(cacheKey, evictAgainAfter);
    }

    /// <summary>Was this entry revoked recently, here or on another instance? Then a cached copy of it is stale.</summary>
    public bool IsRecentlyRevoked(string cacheKey) =>
        AnyRecent && _until.TryGetValue(cacheKey, out var until) && clock.GetUtcNow() < until;

    private void Remember(string cacheKey, TimeSpan evictAgainAfter)
    {
        var now = clock.GetUtcNow();
        Interlocked.Increment(ref _count);
        _until[cacheKey] = now.AddSeconds(2 * cache.Value.EntrySeconds) + evictAgainAfter;
        foreach (var (key, until) in _until)
            if (until <= now) _until.TryRemove(new KeyValuePair<string, DateTimeOffset>(key, until));
        Volatile.Write(ref _count, _until.Count);
        Notify(cacheKey);
    }

    private void Notify(string cacheKey)
    {
        try { Revoked?.Invoke(cacheKey); }
        catch (Exception ex) { logger.LogWarning("A revocation listener failed: {Error}", ex.GetType().Name); }
    }

    private async Task EvictAgainAsync(string cacheKey, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, clock);
            await bus.EvictEverywhereAsync(cacheKey, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning("The second eviction of a revoked entry failed; the cache lifetime bounds it: {Error}", ex.GetType().Name);
        }
    }

    // Another instance's revocation: its delay is not in the message, so the longest a stale copy can live is used.
    private void OnRevoking(string cacheKey) => Remember(cacheKey, TimeSpan.FromSeconds(cache.Value.EntrySeconds));

    /// <summary>Listens for other instances' revocations, to remember them (step 2).</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        bus.Revoking += OnRevoking;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        bus.Revoking -= OnRevoking;
        return Task.CompletedTask;
    }
}
