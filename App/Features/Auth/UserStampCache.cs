using System.Security.Cryptography;
using System.Text;
using Boltly.Platform.Caching;
using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace Boltly.Features.Auth;

/// <summary>
/// The current security-stamp digest of each user, cached in both tiers. An access token carries the
/// digest it was issued with; after a password or 2FA change the stamp moves, the entry is evicted
/// everywhere, and older tokens are refused. Entries live <see cref="CacheOptions.EntrySeconds"/> (the cache's default).
/// </summary>
public sealed class UserStampCache(HybridCache cache, IDbContextFactory<AppDbContext> contexts, CacheInvalidationBus bus)
{
    public static string Digest(string? securityStamp) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(securityStamp ?? "")))[..16];

    /// <summary>The digest of the user's current stamp, or an empty string when the user is gone.</summary>
    public ValueTask<string> GetDigestAsync(Guid userId, CancellationToken ct = default) =>
        cache.GetOrCreateAsync(Key(userId), (userId, contexts), static async (state, token) =>
        {
            await using var db = await state.contexts.CreateDbContextAsync(token);
            var stamp = await db.Users.Where(u => u.Id == state.userId).Select(u => u.SecurityStamp).FirstOrDefaultAsync(token);
            return stamp is null ? "" : Digest(stamp);
        }, cancellationToken: ct);

    /// <summary>Call after the stamp changed: every instance forgets the old digest.</summary>
    public Task InvalidateAsync(Guid userId, CancellationToken ct = default) => bus.EvictEverywhereAsync(Key(userId), ct);

    private static string Key(Guid userId) => $"stamp:{userId:N}";
}
