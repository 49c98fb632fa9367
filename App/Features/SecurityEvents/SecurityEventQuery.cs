using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.SecurityEvents;

/// <summary>The account's security events, newest first, for the owner's Activity page and Settings → Security.</summary>
public sealed class SecurityEventQuery(IDbContextFactory<AppDbContext> contexts)
{
    public async Task<IReadOnlyList<SecurityEvent>> ListForAccountAsync(Guid accountId, int limit, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.SecurityEvents.AsNoTracking()
            .Where(e => e.AccountId == accountId)
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Take(Math.Clamp(limit, 1, 500))
            .ToListAsync(ct);
    }

    /// <summary>One person's own events, newest first, for Settings → Security.</summary>
    public async Task<IReadOnlyList<SecurityEvent>> ListForUserAsync(Guid userId, int limit, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.SecurityEvents.AsNoTracking()
            .Where(e => e.UserId == userId)
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Take(Math.Clamp(limit, 1, 500))
            .ToListAsync(ct);
    }
}
