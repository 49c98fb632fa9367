using System.Linq.Expressions;
using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.SecurityEvents;

/// <summary>The account's security events, newest first, for the owner's Activity page and Settings → Security.</summary>
public sealed class SecurityEventQuery(IDbContextFactory<AppDbContext> contexts)
{
    /// <summary>The most events one list shows, whatever the caller asks.</summary>
    public const int MaxListed = 500;

    public Task<IReadOnlyList<SecurityEvent>> ListForAccountAsync(Guid accountId, int limit, CancellationToken ct = default) =>
        ListAsync(e => e.AccountId == accountId, limit, ct);

    /// <summary>One person's own events, newest first, for Settings → Security.</summary>
    public Task<IReadOnlyList<SecurityEvent>> ListForUserAsync(Guid userId, int limit, CancellationToken ct = default) =>
        ListAsync(e => e.UserId == userId, limit, ct);

    private async Task<IReadOnlyList<SecurityEvent>> ListAsync(Expression<Func<SecurityEvent, bool>> whose, int limit, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.SecurityEvents.AsNoTracking()
            .Where(whose)
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Take(Math.Clamp(limit, 1, MaxListed))
            .ToListAsync(ct);
    }
}
