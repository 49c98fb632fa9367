using Boltly.Features.ApiKeys.Policy;
using Boltly.Features.SecurityEvents;
using Boltly.Features.Webhooks;
using Boltly.Platform.Data;
using Boltly.Platform.Events;
using Boltly.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.ApiKeys.Notices;

/// <summary>
/// Records one due notice, once (ADR 0034): in one transaction, the <c>api_key_notices</c> row (unique per key, kind and
/// deadline: a second run or instance inserts nothing and stops), the key's webhook event in the event outbox, one
/// digest item per recipient, and for an idle revocation the revocation itself. Then, after the commit, the revocation
/// goes everywhere through <see cref="ApiKeyRevocation"/>.
/// </summary>
public sealed class KeyNoticeRecorder(IDbContextFactory<AppDbContext> contexts, IEventOutbox outbox, ApiKeyRevocation revocation,
    SecurityEventRecorder events, ILogger<KeyNoticeRecorder> logger)
{
    /// <summary>True when this call recorded the notice; false when it was recorded before or is no longer due.</summary>
    public async Task<bool> RecordAsync(DueNotice due, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await contexts.CreateForAccountAsync(due.AccountId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The key row's lock keeps a revocation or a last-use write from slipping between the check and the notice.
        var key = await db.ApiKeys.FromSql($"SELECT * FROM api_keys WHERE id = {due.KeyId} FOR UPDATE")
            .TagWith(BackgroundWork.Tag).FirstOrDefaultAsync(ct);
        if (key is null || key.AccountId != due.AccountId || !await StillDueAsync(db, key, due, now, ct)) return false;
        var inserted = await db.Database.ExecuteSqlAsync($"""
            -- boltly:background
            INSERT INTO api_key_notices (id, account_id, api_key_id, kind, deadline, created_at)
            VALUES ({MonotonicUuidV7.NewId()}, {due.AccountId}, {due.KeyId}, {due.Kind}, {due.Deadline}, {now})
            ON CONFLICT (api_key_id, kind, deadline) DO NOTHING
            """, ct);
        if (inserted == 0) return false;
        var noticeId = await db.ApiKeyNotices.Where(n => n.ApiKeyId == due.KeyId && n.Kind == due.Kind && n.Deadline == due.Deadline)
            .Select(n => n.Id).SingleAsync(ct);

        var revokes = due.Kind == KeyNoticeKinds.IdleRevoked;
        if (revokes) key.RevokedAt = now;
        var data = ApiKeyResponse.From(key, now);
        outbox.Emit(db, due.AccountId, EventOf(due.Kind), data);
        if (revokes) outbox.Emit(db, due.AccountId, WebhookEvents.ApiKeyRevoked, data);
        foreach (var userId in await KeyRecipients.CreatorOwnersAndAdminsAsync(db, key.CreatedByUserId, ct))
            db.ApiKeyNoticeRecipients.Add(new ApiKeyNoticeRecipient { NoticeId = noticeId, UserId = userId });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        if (revokes)
        {
            await revocation.RevokedAsync(key.KeyHash);
            logger.LogInformation("API key {Prefix} of account {AccountId} revoked: unused since {LastActivity}", key.Prefix, key.AccountId,
                key.LastUsedAt ?? key.CreatedAt);
            await events.RecordAsync(new AuditEntry(SecurityEventTypes.ApiKeyIdleRevoked, SecurityEventOutcomes.Success, AuditActor.System,
                key.AccountId, ClientInfo.Unknown) { Detail = $"{key.Prefix}… \"{key.Name}\"" }, ct);
        }
        return true;
    }

    /// <summary>Checked again on the locked row: the key may have been revoked, used or changed since it was found.</summary>
    private static async Task<bool> StillDueAsync(AppDbContext db, ApiKey key, DueNotice due, DateTimeOffset now, CancellationToken ct)
    {
        if (key.RevokedAt is not null || key.GraceEndsAt is not null) return false;
        if (due.Kind is not (KeyNoticeKinds.IdleRevokeWarning or KeyNoticeKinds.IdleRevoked)) return key.ExpiresAt == due.Deadline;
        if (key.ExpiresAt is { } expires && expires <= now) return false;
        var policy = await db.KeyPolicies.AsNoTracking().TagWith(BackgroundWork.Tag)
            .Select(p => new KeyPolicy(p.MaxLifetimeDays, p.IdleRevokeDays)).FirstOrDefaultAsync(ct) ?? KeyPolicy.None;
        return policy.IdleDeadline(key.LastUsedAt ?? key.CreatedAt) == due.Deadline;
    }

    private static string EventOf(string kind) => kind switch
    {
        KeyNoticeKinds.Expiring7Days or KeyNoticeKinds.Expiring1Day => WebhookEvents.ApiKeyExpiring,
        KeyNoticeKinds.Expired => WebhookEvents.ApiKeyExpired,
        KeyNoticeKinds.IdleRevokeWarning => WebhookEvents.ApiKeyIdleRevoking,
        _ => WebhookEvents.ApiKeyIdleRevoked,
    };
}
