using Boltly.Platform.Caching;
using Boltly.Platform.Data;
using Boltly.Platform.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Boltly.Features.ApiKeys;

/// <summary>
/// Looks a key up through memory → Redis → PostgreSQL (HybridCache, with its stampede protection:
/// concurrent misses for one key make one query). Unknown keys are cached briefly as negative
/// entries. Revocation evicts the entry on every instance, and a cached copy of a recently revoked key
/// is refused however it got back into the cache: both in <see cref="ApiKeyRevocation"/>.
/// </summary>
public sealed class ApiKeyValidator(HybridCache cache, IDbContextFactory<AppDbContext> contexts,
    ApiKeyRevocation revocation, IOptions<ApiKeyOptions> options, IOptions<CacheOptions> cacheOptions, BoltlyMetrics metrics)
{
    public const string Tag = "api-keys";
    /// <summary>This cache's name in the <see cref="BoltlyMetrics.CacheLookupsName"/> metric.</summary>
    public const string MetricsName = "api_key";
    public const string CacheKeyPrefix = "apikey:";
    private static readonly string[] Tags = [Tag];
    private readonly HybridCacheEntryOptions _found = new()
    {
        Expiration = TimeSpan.FromSeconds(cacheOptions.Value.EntrySeconds),
        LocalCacheExpiration = TimeSpan.FromSeconds(cacheOptions.Value.EntrySeconds),
    };
    private readonly HybridCacheEntryOptions _memoryOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableDistributedCache | HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableLocalCacheWrite,
    };
    private readonly HybridCacheEntryOptions _missing = new()
    {
        Expiration = TimeSpan.FromSeconds(options.Value.NegativeCacheSeconds),
        LocalCacheExpiration = TimeSpan.FromSeconds(options.Value.NegativeCacheSeconds),
    };

    /// <summary>The key's record, <see cref="ApiKeyRecord.NotFound"/> when unknown, or <see cref="ApiKeyRecord.Revoked"/>.
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
        metrics.CacheLookup(MetricsName, hit: !load.LoadedNow);

        // A miss is remembered only briefly, in case the entry was ever written before the key existed.
        if (load.LoadedNow && !record.Found)
            await cache.SetAsync(CacheKey(keyHash), record, _missing, Tags, ct);

        // A lookup that read the row just before a revocation committed may have stored it after the eviction.
        if (record.Found && revocation.IsRecentlyRevoked(keyHash))
        {
            await cache.RemoveAsync(CacheKey(keyHash), CancellationToken.None);
            return ApiKeyRecord.Revoked(record.Id, record.AccountId);
        }
        return record;
    }

    /// <summary>The key's record when this instance holds it in memory, without asking Redis or PostgreSQL; null
    /// otherwise. For an address over its invalid-key limit: a key in use keeps working, a made-up one costs nothing.</summary>
    public async ValueTask<ApiKeyRecord?> FindInMemoryAsync(string keyHash, CancellationToken ct = default)
    {
        var record = await cache.GetOrCreateAsync<ApiKeyRecord?>(CacheKey(keyHash), static _ => ValueTask.FromResult<ApiKeyRecord?>(null),
            _memoryOnly, Tags, ct);
        return record is { Found: true } && !revocation.IsRecentlyRevoked(keyHash) ? record : null;
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
            .Where(k => k.KeyHash == keyHash)
            .Select(k => new { k.Id, k.AccountId, k.CreatedByUserId, k.Name, k.Prefix, k.Scopes, k.ExpiresAt, k.RevokedAt })
            .FirstOrDefaultAsync(ct);
        if (key is null) return ApiKeyRecord.NotFound;
        // A revoked key is refused as unknown; only its id and account are kept, for usage counting (docs/usage.md).
        if (key.RevokedAt is not null) return ApiKeyRecord.Revoked(key.Id, key.AccountId);
        return new ApiKeyRecord(true, key.Id, key.AccountId, key.CreatedByUserId, key.Name, key.Prefix, key.Scopes, key.ExpiresAt);
    }
}
