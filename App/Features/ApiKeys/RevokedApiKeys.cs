using System.Collections.Concurrent;
using Boltly.Platform.Caching;
using Microsoft.Extensions.Options;

namespace Boltly.Features.ApiKeys;

/// <summary>
/// The hashes of keys revoked recently, on this instance or (through the eviction channel) on another.
/// Evicting a revoked key's cache entry is not enough on its own: a lookup that read the row just before
/// the revocation committed can store its stale, active copy after the eviction. A cached record for a
/// hash listed here is therefore refused, however it got into the cache. An entry is kept for twice the
/// cache lifetime plus the re-eviction delay, longer than any such stale copy can live.
/// Only revocation evicts an API key's entry, so an eviction message for a key means it was revoked.
/// </summary>
public sealed class RevokedApiKeys(CacheInvalidationBus bus, IOptions<ApiKeyOptions> options, IOptions<CacheOptions> cache, TimeProvider clock) : IHostedService
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);
    // Raised before an entry is added and recounted after a sweep, so it is never below the real count:
    // the hot path skips the lookup entirely while nothing was revoked recently.
    private int _count;

    public void Add(string keyHash)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        Interlocked.Increment(ref _count);
        _until[keyHash] = now.AddSeconds(2 * cache.Value.EntrySeconds + o.RevocationReEvictSeconds);
        foreach (var (hash, until) in _until)
            if (until <= now) _until.TryRemove(new KeyValuePair<string, DateTimeOffset>(hash, until));
        Volatile.Write(ref _count, _until.Count);
    }

    public bool Contains(string keyHash) =>
        Volatile.Read(ref _count) > 0 && _until.TryGetValue(keyHash, out var until) && clock.GetUtcNow() < until;

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
            Add(cacheKey[ApiKeyValidator.CacheKeyPrefix.Length..]);
    }
}
