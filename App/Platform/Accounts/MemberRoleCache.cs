using Boltly.Platform.Caching;
using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace Boltly.Platform.Accounts;

/// <summary>
/// The current role of each member, cached in both tiers and read on every role check. A role change or a removal
/// evicts the entry on every instance (<see cref="CacheInvalidationBus"/>, within a second), so a role takes effect at
/// once and no claim carried in a cookie or token is trusted for it.
/// </summary>
public sealed class MemberRoleCache(HybridCache cache, IDbContextFactory<AppDbContext> contexts, CacheInvalidationBus bus)
{
    /// <summary>The member's role, or an empty string when the user is gone or was removed (no role: nothing allowed).</summary>
    public ValueTask<string> GetAsync(Guid userId, CancellationToken ct = default) =>
        cache.GetOrCreateAsync(Key(userId), (userId, _loads), static async (state, token) =>
            await state._loads.LoadAsync(state.userId, token), cancellationToken: ct);

    /// <summary>Members whose roles one statement reads when their entries are cold together.</summary>
    public const int MembersPerStatement = 500;

    // Cold loads of different members' roles share statements (GroupedLoad); a user gone or removed gets "".
    private readonly GroupedLoad<Guid, string> _loads = new(async ids =>
    {
        await using var db = await contexts.CreateDbContextAsync();
        var roles = await db.Users.Where(u => ids.Contains(u.Id) && u.RemovedAt == null).Select(u => new { u.Id, u.Role }).ToListAsync();
        return roles.ToDictionary(u => u.Id, u => u.Role ?? "");
    }, "", MembersPerStatement);

    /// <summary>Call after the role changed or the member was removed: every instance forgets the old role.</summary>
    public Task InvalidateAsync(Guid userId, CancellationToken ct = default) => bus.EvictEverywhereAsync(Key(userId), ct);

    private static string Key(Guid userId) => $"role:{userId:N}";
}
