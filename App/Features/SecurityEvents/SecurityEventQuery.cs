using Boltly.Platform.Auth;
using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.SecurityEvents;

/// <summary>A member's own security events, newest first, for Settings → Security (the account's whole log is
/// <see cref="AuditLogQuery"/>). Read in the caller's account, like every account's rows.</summary>
public sealed class SecurityEventQuery(IDbContextFactory<AppDbContext> contexts)
{
    /// <summary>The most events one list shows, whatever the caller asks.</summary>
    public const int MaxListed = 500;

    /// <summary>The caller's own events, newest first; none for a caller that is not a member (an API key).</summary>
    public async Task<IReadOnlyList<SecurityEvent>> ListForUserAsync(Caller caller, int limit, CancellationToken ct = default)
    {
        if (caller.UserId is not { } userId) return [];
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        return await db.SecurityEvents.AsNoTracking()
            .Where(e => e.UserId == userId)
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Take(Math.Clamp(limit, 1, MaxListed))
            .ToListAsync(ct);
    }
}
