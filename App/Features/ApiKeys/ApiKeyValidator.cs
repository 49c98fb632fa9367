using Boltly.Platform.Caching;
using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Boltly.Features.ApiKeys;

/// <summary>
/// Looks a key up through memory → Redis → PostgreSQL (HybridCache, with its stampede protection:
/// concurrent misses for one key make one query). Unknown keys are cached briefly as negative
/// entries. Revocation evicts the entry on every instance (<see cref="ForgetRevokedAsync"/>), and a
/// cached copy of a recently revoked key is refused however it got back into the cache (<see cref="RevokedApiKeys"/>).
/// </summary>
public sealed class ApiKeyValidator(HybridCache cache, IDbContextFactory<AppDbContext> contexts, CacheInvalidationBus bus,
    RevokedApiKeys revoked, IOptions<ApiKeyOptions> options, IOptions<CacheOptions> cacheOptions, TimeProvider clock, ILogger<ApiKeyValidator> logger)
{
    public const string Tag = "api-keys";
    public const string CacheKeyPrefix = "apikey:";
    private static readonly string[] Tags = [Tag];
    private readonly HybridCacheEntryOptions _found = new()
    {
        Expiration = TimeSpan.FromSeconds(cacheOptions.Value.EntrySeconds),
        LocalCacheExpiration = TimeSpan.FromSeconds(cacheOptions.Value.EntrySeconds),
    };
    private readonly HybridCacheEntryOptions _missing = new()
    {
        Expiration = TimeSpan.FromSeconds(options.Value.NegativeCacheSeconds),
        LocalCacheExpiration = TimeSpan.FromSeconds(options.Value.NegativeCacheSeconds),
    };

    /// <summary>The key's record, or <see cref="ApiKeyRecord.NotFound"/> when unknown or revoked.
    /// Expiry is the caller's check, against the current time, whatever the cache holds.</summary>
    public async ValueTask<ApiKeyRecord> FindAsync(string keyHash, CancellationToken ct = default)
    {
        // The hot path (a memory hit) allocates no closure: the factory is static and gets its state.
        var load = new LoadState(this, keyHash);
        var record = await cache.GetOrCreateAsync(CacheKey(keyHash), load, static async (state, token) =>
        {
            state.LoadedNow = true;
            return await state.Validator.LoadAsync(state.KeyHash, token);
        }, _found, Tags, ct);

        // A miss is remembered only briefly, in case the entry was ever written before the key existed.
        if (load.LoadedNow && !record.Found)
            await cache.SetAsync(CacheKey(keyHash), record, _missing, Tags, ct);

        // A lookup that read the row just before a revocation committed may have stored it after the eviction.
        if (record.Found && revoked.Contains(keyHash))
        {
            await cache.RemoveAsync(CacheKey(keyHash), CancellationToken.None);
            return ApiKeyRecord.NotFound;
        }
        return record;
    }

    /// <summary>
    /// Called once a revocation has committed: the key is refused here at once, its entry is evicted on every
    /// instance, and the eviction is published again after <see cref="ApiKeyOptions.RevocationReEvictSeconds"/>
    /// for a stale copy a racing lookup wrote back to Redis (seen by instances that missed the first message).
    /// Not cancellable: a revocation that committed must not keep working because the request went away.
    /// </summary>
    public async Task ForgetRevokedAsync(string keyHash)
    {
        revoked.Add(keyHash);
        await bus.EvictEverywhereAsync(CacheKey(keyHash), CancellationToken.None);
        _ = EvictAgainAsync(keyHash);
    }

    private async Task EvictAgainAsync(string keyHash)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(options.Value.RevocationReEvictSeconds), clock);
            await bus.EvictEverywhereAsync(CacheKey(keyHash), CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning("The second eviction of a revoked key failed; the cache lifetime bounds it: {Error}", ex.GetType().Name);
        }
    }

    public static string CacheKey(string keyHash) => CacheKeyPrefix + keyHash;

    private sealed class LoadState(ApiKeyValidator validator, string keyHash)
    {
        public ApiKeyValidator Validator { get; } = validator;
        public string KeyHash { get; } = keyHash;
        public bool LoadedNow { get; set; }
    }

    private async Task<ApiKeyRecord> LoadAsync(string keyHash, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == keyHash).Where(ApiKeyActivity.NotRevoked)
            .Select(k => new ApiKeyRecord(true, k.Id, k.AccountId, k.CreatedByUserId, k.Name, k.Prefix, k.Scopes, k.ExpiresAt))
            .FirstOrDefaultAsync(ct);
        return key ?? ApiKeyRecord.NotFound;
    }
}
