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
        cache.GetOrCreateAsync(Key(userId), (userId, _loads), static async (state, token) =>
            await state._loads.LoadAsync(state.userId, token), cancellationToken: ct);

    /// <summary>Users whose stamps one statement reads when their entries are cold together.</summary>
    public const int UsersPerStatement = 500;

    // Cold loads of different users' stamps share statements (GroupedLoad); a user who is gone gets "".
    private readonly GroupedLoad<Guid, string> _loads = new(async ids =>
    {
        await using var db = await contexts.CreateDbContextAsync();
        var stamps = await db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.SecurityStamp }).ToListAsync();
        return stamps.ToDictionary(u => u.Id, u => Digest(u.SecurityStamp));
    }, "", UsersPerStatement);

    /// <summary>Call after the stamp changed: every instance forgets the old digest.</summary>
    public Task InvalidateAsync(Guid userId, CancellationToken ct = default) => bus.EvictEverywhereAsync(Key(userId), ct);

    private static string Key(Guid userId) => $"stamp:{userId:N}";
}
