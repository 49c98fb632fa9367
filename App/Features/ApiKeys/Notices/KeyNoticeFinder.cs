using Boltly.Features.ApiKeys.Policy;
using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Features.ApiKeys.Notices;

/// <summary>The notices due at a moment, across every account, that no run has recorded yet. Reads only: recording
/// (and its once-only guarantee) is <see cref="KeyNoticeRecorder"/>'s.</summary>
public sealed class KeyNoticeFinder(IDbContextFactory<AppDbContext> contexts, IOptions<KeyNoticeOptions> options)
{
    public async Task<IReadOnlyList<DueNotice>> FindAsync(DateTimeOffset now, CancellationToken ct)
    {
        var o = options.Value;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var horizon = now.AddDays(o.ExpiringFirstDays);
        var since = now.AddDays(-o.ExpiredLookbackDays);
        var expiring = await db.ApiKeys.IgnoreQueryFilters().AsNoTracking().TagWith(BackgroundWork.Tag)
            .Where(k => k.RevokedAt == null && k.GraceEndsAt == null && k.ExpiresAt != null && k.ExpiresAt <= horizon && k.ExpiresAt > since)
            .OrderBy(k => k.ExpiresAt).Take(o.MaxPerRun)
            .Select(k => new { k.Id, k.AccountId, ExpiresAt = k.ExpiresAt!.Value }).ToListAsync(ct);
        // Idle revocation applies to the active keys of accounts that turned it on: at most the key limit per account.
        var idle = await (from k in db.ApiKeys.IgnoreQueryFilters().AsNoTracking().TagWith(BackgroundWork.Tag)
                          join p in db.KeyPolicies.IgnoreQueryFilters() on k.AccountId equals p.AccountId
                          where p.IdleRevokeDays != null && k.RevokedAt == null && k.GraceEndsAt == null && (k.ExpiresAt == null || k.ExpiresAt > now)
                          orderby k.Id
                          select new { k.Id, k.AccountId, LastActivity = k.LastUsedAt ?? k.CreatedAt, p.MaxLifetimeDays, p.IdleRevokeDays })
            .Take(o.MaxPerRun).ToListAsync(ct);

        var due = new List<DueNotice>();
        foreach (var k in expiring)
            if (KeyNoticeRules.ExpiryNotice(k.ExpiresAt, now, o) is { } kind) due.Add(new(k.Id, k.AccountId, kind, k.ExpiresAt));
        foreach (var k in idle)
            if (KeyNoticeRules.IdleNotice(k.LastActivity, new KeyPolicy(k.MaxLifetimeDays, k.IdleRevokeDays), now, o) is { } notice)
                due.Add(new(k.Id, k.AccountId, notice.Kind, notice.Deadline));
        if (due.Count == 0) return due;

        var ids = due.Select(d => d.KeyId).Distinct().ToList();
        var recorded = (await db.ApiKeyNotices.AsNoTracking().TagWith(BackgroundWork.Tag).Where(n => ids.Contains(n.ApiKeyId))
            .Select(n => new { n.ApiKeyId, n.Kind, n.Deadline }).ToListAsync(ct))
            .Select(n => (n.ApiKeyId, n.Kind, n.Deadline)).ToHashSet();
        return due.Where(d => !recorded.Contains((d.KeyId, d.Kind, d.Deadline))).Take(o.MaxPerRun).ToList();
    }
}
