using Boltly.Platform.Caching;
using Microsoft.Extensions.Options;

namespace Boltly.Features.ApiKeys;

/// <summary>
/// Revocation of a key (docs/several-instances.md). <see cref="ApiKeyService.RevokeAsync"/> commits <c>revoked_at</c>,
/// then calls <see cref="RevokedAsync"/>: the key's cache entry goes through <see cref="CacheRevocations"/>, the one
/// path every revocable entry takes (remember here, evict and publish everywhere, evict again after
/// <see cref="ApiKeyOptions.RevocationReEvictSeconds"/>), and <see cref="ApiKeyValidator"/> refuses a cached record of a
/// key revoked recently (<see cref="IsRecentlyRevoked"/>), however it got into the cache.
/// A change that leaves the key working (its allowlist, a roll's grace) takes <see cref="ChangedAsync"/>: the same
/// evictions on the same bus, without the refusal.
/// </summary>
public sealed class ApiKeyRevocation(CacheRevocations revocations, CacheInvalidationBus bus, IOptions<ApiKeyOptions> options,
    TimeProvider clock, ILogger<ApiKeyRevocation> logger)
{
    /// <summary>Called once a revocation has committed (again for an already revoked key: harmless). Not cancellable:
    /// a revocation that committed must not keep working because the request went away.</summary>
    public Task RevokedAsync(string keyHash) =>
        revocations.RevokeAsync(ApiKeyValidator.CacheKey(keyHash), TimeSpan.FromSeconds(options.Value.RevocationReEvictSeconds));

    /// <summary>Called once a change to a working key has committed: its record is evicted here, in Redis and on every
    /// other instance (within a second, as a revocation), and once more after the re-eviction delay, since a lookup that
    /// read the row just before the commit may write its stale copy back after the first eviction. Not cancellable.</summary>
    public async Task ChangedAsync(string keyHash)
    {
        var cacheKey = ApiKeyValidator.CacheKey(keyHash);
        await bus.EvictEverywhereAsync(cacheKey, CancellationToken.None);
        _ = EvictAgainAsync(cacheKey);
    }

    /// <summary>Was this key revoked recently, here or on another instance? Then a cached copy of it is stale.</summary>
    public bool IsRecentlyRevoked(string keyHash) =>
        revocations.AnyRecent && revocations.IsRecentlyRevoked(ApiKeyValidator.CacheKey(keyHash));

    private async Task EvictAgainAsync(string cacheKey)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(options.Value.RevocationReEvictSeconds), clock);
            await bus.EvictEverywhereAsync(cacheKey, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning("The second eviction of a changed key failed; the record refresh bounds it: {Error}", ex.GetType().Name);
        }
    }
}
