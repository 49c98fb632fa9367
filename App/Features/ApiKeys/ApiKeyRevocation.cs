using System.Collections.Concurrent;
using Boltly.Platform.Caching;
using Microsoft.Extensions.Options;

namespace Boltly.Features.ApiKeys;

/// <summary>
/// Revocation, the whole path (docs/several-instances.md). <see cref="ApiKeyService.RevokeAsync"/> commits
/// <c>revoked_at</c>, then calls <see cref="RevokedAsync"/>, which:
/// <list type="number">
/// <item><b>remembers the hash</b>: <see cref="ApiKeyValidator"/> refuses a cached record of a key listed here
/// (<see cref="IsRecentlyRevoked"/>), however it got into the cache;</item>
/// <item><b>evicts and publishes</b>: the entry goes from this instance's memory and from Redis, and the eviction is
/// published on the <see cref="CacheInvalidationBus"/> channel; every other instance remembers the hash too
/// (<see cref="StartAsync"/> listens) before dropping its memory copy;</item>
/// <item><b>evicts again</b> after <see cref="ApiKeyOptions.RevocationReEvictSeconds"/>: a lookup that read the row just
/// before the revocation committed may have written its stale, active copy back to Redis after the first eviction.</item>
/// </list>
/// A hash is remembered for twice the cache lifetime plus the re-eviction delay, longer than any such stale copy can live.
/// With Redis down the publish is lost: this instance still refuses the key (step 1), the others clear their memory
/// tier when the connection comes back, and the cache lifetime bounds the rest.
/// Only revocation evicts an API key's entry, so an eviction message for a key means it was revoked.
/// </summary>
public sealed class ApiKeyRevocation(CacheInvalidationBus bus, IOptions<ApiKeyOptions> options, IOptions<CacheOptions> cache,
    TimeProvider clock, ILogger<ApiKeyRevocation> logger) : IHostedService
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);
    // Raised before an entry is added and recounted after a sweep, so it is never below the real count:
    // the hot path skips the lookup entirely while nothing was revoked recently.
    private int _count;

    /// <summary>
    /// Called once a revocation has committed (again for an already revoked key: harmless, and it heals a cache that
    /// missed the first time). Not cancellable: a revocation that committed must not keep working because the
    /// request went away.
    /// </summary>
    public async Task RevokedAsync(string keyHash)
    {
        Remember(keyHash);
        await bus.EvictEverywhereAsync(ApiKeyValidator.CacheKey(keyHash), CancellationToken.None);
        _ = EvictAgainAsync(keyHash);
    }

    /// <summary>Was this key revoked recently, here or on another instance? Then a cached copy of it is stale.</summary>
    public bool IsRecentlyRevoked(string keyHash) =>
        Volatile.Read(ref _count) > 0 && _until.TryGetValue(keyHash, out var until) && clock.GetUtcNow() < until;

    private void Remember(string keyHash)
    {
        var now = clock.GetUtcNow();
        Interlocked.Increment(ref _count);
        _until[keyHash] = now.AddSeconds(2 * cache.Value.EntrySeconds + options.Value.RevocationReEvictSeconds);
        foreach (var (hash, until) in _until)
            if (until <= now) _until.TryRemove(new KeyValuePair<string, DateTimeOffset>(hash, until));
        Volatile.Write(ref _count, _until.Count);
    }

    private async Task EvictAgainAsync(string keyHash)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(options.Value.RevocationReEvictSeconds), clock);
            await bus.EvictEverywhereAsync(ApiKeyValidator.CacheKey(keyHash), CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning("The second eviction of a revoked key failed; the cache lifetime bounds it: {Error}", ex.GetType().Name);
        }
    }

    /// <summary>Listens for other instances' evictions, to remember their revoked keys (step 2).</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        bus.Evicting += OnEvicting;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        bus.Evicting -= OnEvicting;
        return Task.CompletedTask;
    }

    private void OnEvicting(string cacheKey)
    {
        if (cacheKey.StartsWith(ApiKeyValidator.CacheKeyPrefix, StringComparison.Ordinal))
            Remember(cacheKey[ApiKeyValidator.CacheKeyPrefix.Length..]);
    }
}
