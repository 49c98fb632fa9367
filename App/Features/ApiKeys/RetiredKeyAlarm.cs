using System.Collections.Concurrent;
using System.Globalization;
using Boltly.Features.SecurityEvents;
using Boltly.Platform.Accounts;
using Boltly.Platform.Batching;
using Boltly.Platform.Data;
using Boltly.Platform.Email;
using Boltly.Platform.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Features.ApiKeys;

/// <summary>
/// A retired key (revoked, or its roll's grace over) that is still tried: the first such request per key per UTC day is
/// a security event (<c>retired_key_used</c>) and one mail to the key's creator and the account's owners naming the
/// address. The refusal path stays cheap: <see cref="Tried"/> is one dictionary lookup once this instance has noted the
/// key today, and anything further happens off the request, in this batch writer's flush. Once a day across instances is
/// the primary key of <c>retired_key_alerts</c> (key, day): the row, the mails (through the mail outbox) commit in one
/// transaction, so a second instance's insert finds the row and sends nothing, and a crash loses neither (ADR 0035).
/// </summary>
public sealed class RetiredKeyAlarm(IDbContextFactory<AppDbContext> contexts, IMailOutbox mail, SecurityEventRecorder events,
    IOptions<ApiKeyOptions> options, TimeProvider clock, ILogger<RetiredKeyAlarm> logger) : IBatchWriter
{
    private readonly ConcurrentDictionary<(Guid KeyId, DateOnly Day), byte> _noted = new();
    private readonly ConcurrentQueue<Attempt> _pending = new();
    private int _pendingCount;

    private sealed record Attempt(Guid KeyId, Guid AccountId, DateOnly Day, DateTimeOffset At, ClientInfo Client);

    /// <summary>Called by authentication for every refused retired key: notes the first try of the day on this instance.</summary>
    public void Tried(Guid keyId, Guid accountId, HttpContext context)
    {
        var now = clock.GetUtcNow();
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        if (!_noted.TryAdd((keyId, day), 0)) return;
        if (Interlocked.Increment(ref _pendingCount) > options.Value.RetiredKeyAlarmMaxPending)
        {
            // A flood of distinct retired keys beyond the queue's bound: forget this one, so a later try notes it again.
            Interlocked.Decrement(ref _pendingCount);
            _noted.TryRemove((keyId, day), out _);
            return;
        }
        _pending.Enqueue(new Attempt(keyId, accountId, day, now, context.GetClientInfo()));
    }

    /// <summary>Raises the alert for each key noted since the last flush (once a day across instances); returns how many
    /// alerts this instance raised.</summary>
    public async Task<int> FlushAsync(CancellationToken ct = default)
    {
        ForgetEarlierDays();
        var raised = 0;
        while (_pending.TryDequeue(out var attempt))
        {
            Interlocked.Decrement(ref _pendingCount);
            try
            {
                if (await RaiseAsync(attempt, ct)) raised++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Forgotten here, so the key's next try today notes it again.
                _noted.TryRemove((attempt.KeyId, attempt.Day), out _);
                logger.LogWarning("The retired-key alert for key {KeyId} failed; its next try raises it again: {Error}", attempt.KeyId, ex.GetType().Name);
            }
        }
        return raised;
    }

    private async Task<bool> RaiseAsync(Attempt attempt, CancellationToken ct)
    {
        await using var db = await contexts.CreateForAccountAsync(attempt.AccountId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO retired_key_alerts (api_key_id, day, account_id, at, client_address)
            VALUES ({attempt.KeyId}, {attempt.Day}, {attempt.AccountId}, {attempt.At}, {attempt.Client.Address})
            ON CONFLICT DO NOTHING
            """, ct);
        if (inserted == 0) return false;
        var key = await db.ApiKeys.AsNoTracking().Where(k => k.Id == attempt.KeyId)
            .Select(k => new { k.Name, k.Prefix, k.CreatedByUserId, k.RevokedAt, k.GraceEndsAt }).FirstOrDefaultAsync(ct);
        if (key is null) return false;
        var recipients = await db.Users.AsNoTracking()
            .Where(u => u.RemovedAt == null && u.Email != null
                && (u.Id == key.CreatedByUserId || u.Role == MemberRoles.Owner))
            .Select(u => u.Email!).ToListAsync(ct);
        var retired = key.RevokedAt is { } revokedAt ? $"revoked {Format(revokedAt)}"
            : key.GraceEndsAt is { } graceEnd ? $"rolled; its grace ended {Format(graceEnd)}" : "retired";
        foreach (var to in recipients.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            mail.Enqueue(db, new OutgoingMail(to, MailTemplate.RetiredKeyUsed, new Dictionary<string, string>
            {
                ["key_id"] = attempt.KeyId.ToString(),
                ["key_name"] = key.Name,
                ["key_prefix"] = key.Prefix,
                ["retired"] = retired,
                ["time"] = Format(attempt.At),
                ["address"] = attempt.Client.Address ?? "unknown",
            }));
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogWarning("Retired API key {Prefix} of account {AccountId} was tried from {Address}", key.Prefix, attempt.AccountId,
            attempt.Client.Address);
        await events.RecordAsync(new AuditEntry(SecurityEventTypes.RetiredKeyUsed, SecurityEventOutcomes.Blocked,
            new AuditActor(AuditActor.ApiKeyType, attempt.KeyId), attempt.AccountId, attempt.Client)
        {
            Detail = $"{key.Prefix}… \"{key.Name}\" ({retired})",
        }, ct);
        return true;
    }

    private void ForgetEarlierDays()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        foreach (var noted in _noted.Keys)
            if (noted.Day < today) _noted.TryRemove(noted, out _);
    }

    private static string Format(DateTimeOffset at) => at.ToString("u", CultureInfo.InvariantCulture);
}
