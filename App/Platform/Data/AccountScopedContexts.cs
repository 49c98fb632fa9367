using Microsoft.EntityFrameworkCore;

namespace Boltly.Platform.Data;

public static class AccountScopedContexts
{
    /// <summary>A context confined to <paramref name="accountId"/>: the way domain services open account data.</summary>
    public static async Task<AppDbContext> CreateForAccountAsync(this IDbContextFactory<AppDbContext> contexts, Guid accountId, CancellationToken ct = default)
    {
        var db = await contexts.CreateDbContextAsync(ct);
        return db.ForAccount(accountId);
    }

    /// <summary>A context for background work that writes rows of many accounts (<see cref="AppDbContext.ForEveryAccount"/>).</summary>
    public static async Task<AppDbContext> CreateForEveryAccountAsync(this IDbContextFactory<AppDbContext> contexts, CancellationToken ct = default)
    {
        var db = await contexts.CreateDbContextAsync(ct);
        return db.ForEveryAccount();
    }
}
