using System.Collections.Concurrent;
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
/// A key in use is re-read with the others in use, a few statements per instance whatever their number, before its
/// entry's lifetime ends (<see cref="RefreshInUseAsync"/>, run by <see cref="ApiKeyRecordRefresher"/>): so a key in steady
/// use is never reloaded on its own, and its record is still never older than the cache lifetime (docs/api-keys.md).
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
    // A refresh rewrites the memory tier only: Redis keeps the copy the last load wrote, for another instance's cold start.
    private readonly HybridCacheEntryOptions _refreshed = new()
    {
        Expiration = TimeSpan.FromSeconds(cacheOptions.Value.EntrySeconds),
        LocalCacheExpiration = TimeSpan.FromSeconds(cacheOptions.Value.EntrySeconds),
        Flags = HybridCacheEntryFlags.DisableDistributedCacheWrite,
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
        if (record.Found) MarkInUse(keyHash);
        return record;
    }

    /// <summary>Notes that the key was used in the current refresh period: a lock-free read, and a write only on
    /// the key's first use in the period (the hot path of one busy key writes nothing).</summary>
    private void MarkInUse(string keyHash)
    {
        var period = Volatile.Read(ref _period);
        if (_inUse.TryGetValue(keyHash, out var use))
        {
            if (use.Period != period) use.Period = period;
        }
        else _inUse.TryAdd(keyHash, new KeyInUse { Period = period });
    }

    /// <summary>How many refresh passes completed (<see cref="RefreshInUseAsync"/>), for tests that must know whether one
    /// may have read the database since a moment (a pass counts when it ends).</summary>
    public long RefreshPasses => Interlocked.Read(ref _refreshPasses);

    /// <summary>
    /// Ends the current refresh period and re-reads every key used in it from PostgreSQL, <see cref="KeysPerStatement"/>
    /// to a statement, writing each fresh record to the memory tier with a new lifetime; keys not used in it are
    /// forgotten and their entries expire at the end of their lifetime. A key that became revoked is stored as revoked, one that is gone
    /// is evicted; a key revoked recently is left to <see cref="FindAsync"/> (which refuses and evicts a stale copy),
    /// so a refresh racing a revocation can never put an active copy back unnoticed. Returns the keys refreshed.
    /// </summary>
    public async Task<int> RefreshInUseAsync(CancellationToken ct = default)
    {
        var ended = Interlocked.Increment(ref _period) - 1;
        var due = new List<string>();
        foreach (var (keyHash, use) in _inUse)
        {
            if (use.Period >= ended) due.Add(keyHash);
            else _inUse.TryRemove(new KeyValuePair<string, KeyInUse>(keyHash, use));
        }
        foreach (var chunk in due.Chunk(KeysPerStatement))
        {
            var records = await LoadManyAsync(contexts, chunk, ct);
            foreach (var keyHash in chunk)
            {
                if (revocation.IsRecentlyRevoked(keyHash)) continue;
                if (!records.TryGetValue(keyHash, out var record))
                {
                    _inUse.TryRemove(keyHash, out _);
                    await cache.RemoveAsync(CacheKey(keyHash), ct);
                    continue;
                }
                if (!record.Found) _inUse.TryRemove(keyHash, out _);
                await cache.SetAsync(CacheKey(keyHash), record, _refreshed, Tags, ct);
            }
        }
        Interlocked.Increment(ref _refreshPasses);
        return due.Count;
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

    /// <summary>Keys re-read by one statement of a refresh pass (<c>key_hash = ANY(…)</c> on its unique index).</summary>
    public const int KeysPerStatement = 500;

    // Keys used recently, by key hash, with the refresh period of their last use.
    private readonly ConcurrentDictionary<string, KeyInUse> _inUse = new(StringComparer.Ordinal);
    private int _period;
    private long _refreshPasses;

    private sealed class KeyInUse
    {
        public int Period { get; set; }
    }

    private sealed class LoadState(ApiKeyValidator validator, string keyHash)
    {
        public ApiKeyValidator Validator { get; } = validator;
        public string KeyHash { get; } = keyHash;
        public bool LoadedNow { get; set; }
    }

    // Cold loads of different keys share statements (GroupedLoad).
    private readonly GroupedLoad<string, ApiKeyRecord> _loads = new(
        async hashes => await LoadManyAsync(contexts, hashes, CancellationToken.None), ApiKeyRecord.NotFound, KeysPerStatement, StringComparer.Ordinal);

    private Task<ApiKeyRecord> LoadAsync(string keyHash, CancellationToken ct) => _loads.LoadAsync(keyHash, ct);

    /// <summary>The records of the keys among <paramref name="keyHashes"/> that exist, by key hash, in one statement.</summary>
    private static async Task<Dictionary<string, ApiKeyRecord>> LoadManyAsync(IDbContextFactory<AppDbContext> contexts,
        string[] keyHashes, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // A presented key names its account only once found: the lookup by hash crosses accounts.
        var keys = await db.ApiKeys.IgnoreQueryFilters().AsNoTracking()
            .Where(k => keyHashes.Contains(k.KeyHash))
            .Select(k => new { k.KeyHash, k.Id, k.AccountId, k.CreatedByUserId, k.Name, k.Prefix, k.Scopes, k.ExpiresAt, k.RevokedAt, k.GraceEndsAt, k.AllowedIps })
            .ToListAsync(ct);
        return keys.ToDictionary(k => k.KeyHash,
            k => RecordOf(k.Id, k.AccountId, k.CreatedByUserId, k.Name, k.Prefix, k.Scopes, k.ExpiresAt, k.RevokedAt, k.GraceEndsAt, k.AllowedIps),
            StringComparer.Ordinal);
    }

    private static ApiKeyRecord RecordOf(Guid id, Guid accountId, Guid createdBy, string name, string prefix, string[] scopes,
        DateTimeOffset? expiresAt, DateTimeOffset? revokedAt, DateTimeOffset? graceEndsAt, string[] allowedIps) =>
        // A revoked key is refused as unknown; only its id and account are kept, for usage counting (docs/usage.md).
        // A rolled key keeps its grace end, which the handler judges per request: a cached copy cannot outlive it.
        revokedAt is not null ? ApiKeyRecord.Revoked(id, accountId)
        : new ApiKeyRecord(true, id, accountId, createdBy, name, prefix, scopes, expiresAt, graceEndsAt, allowedIps);
}
