using Boltly.Infrastructure.Caching;
using Boltly.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Boltly.Domain.ApiKeys;

/// <summary>
/// Looks a key up through memory → Redis → PostgreSQL (HybridCache, with its stampede protection:
/// concurrent misses for one key make one query). Unknown keys are cached briefly as negative
/// entries. Revocation evicts the entry on every instance (<see cref="EvictAsync"/>).
/// </summary>
public sealed class ApiKeyValidator(HybridCache cache, IDbContextFactory<AppDbContext> contexts, CacheInvalidationBus bus,
    IOptions<ApiKeyOptions> options)
{
    public const string Tag = "api-keys";
    private static readonly string[] Tags = [Tag];
    private readonly HybridCacheEntryOptions _found = new()
    {
        Expiration = TimeSpan.FromSeconds(options.Value.CacheSeconds),
        LocalCacheExpiration = TimeSpan.FromSeconds(options.Value.CacheSeconds),
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
        return record;
    }

    public Task EvictAsync(string keyHash, CancellationToken ct = default) => bus.EvictEverywhereAsync(CacheKey(keyHash), ct);

    public static string CacheKey(string keyHash) => "apikey:" + keyHash;

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
            .Where(k => k.KeyHash == keyHash && k.RevokedAt == null)
            .Select(k => new ApiKeyRecord(true, k.Id, k.AccountId, k.CreatedByUserId, k.Name, k.Prefix, k.Scopes, k.ExpiresAt))
            .FirstOrDefaultAsync(ct);
        return key ?? ApiKeyRecord.NotFound;
    }
}
