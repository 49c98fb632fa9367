using Boltly.Platform.Caching;
using Microsoft.Extensions.Options;

namespace Boltly.Features.ApiKeys;

/// <summary>
/// Revocation of a key (docs/several-instances.md). <see cref="ApiKeyService.RevokeAsync"/> commits <c>revoked_at</c>,
/// then calls <see cref="RevokedAsync"/>: the key's cache entry goes through <see cref="CacheRevocations"/>, the one
/// path every revocable entry takes (remember here, evict and publish everywhere, evict again after
/// <see cref="ApiKeyOptions.RevocationReEvictSeconds"/>), and <see cref="ApiKeyValidator"/> refuses a cached record of a
/// key revoked recently (<see cref="IsRecentlyRevoked"/>), however it got into the cache.
/// </summary>
public sealed class ApiKeyRevocation(CacheRevocations revocations, IOptions<ApiKeyOptions> options)
{
    /// <summary>Called once a revocation has committed (again for an already revoked key: harmless). Not cancellable:
    /// a revocation that committed must not keep working because the request went away.</summary>
    public Task RevokedAsync(string keyHash) =>
        revocations.RevokeAsync(ApiKeyValidator.CacheKey(keyHash), TimeSpan.FromSeconds(options.Value.RevocationReEvictSeconds));

    /// <summary>Was this key revoked recently, here or on another instance? Then a cached copy of it is stale.</summary>
    public bool IsRecentlyRevoked(string keyHash) =>
        revocations.AnyRecent && revocations.IsRecentlyRevoked(ApiKeyValidator.CacheKey(keyHash));
}
