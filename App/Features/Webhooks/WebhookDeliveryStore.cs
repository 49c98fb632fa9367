using Boltly.Platform.Accounts;
using Boltly.Platform.Data;
using Boltly.Platform.Email;
using Boltly.Platform.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Webhooks;

/// <summary>
/// The webhook deliveries' database side (docs/decisions/0016-webhook-outbox.md): fan events out to matching enabled
/// subscriptions, read claimed deliveries and keep each attempt; claiming and the delivery's state are the platform
/// outbox's (docs/decisions/0025-one-outbox.md). Every statement is safe with any number of instances running it at once.
/// </summary>
public sealed class WebhookDeliveryStore(IDbContextFactory<AppDbContext> contexts, IMailOutbox mail, IOptions<WebhookOptions> options,
    TimeProvider clock, ILogger<WebhookDeliveryStore> logger)
{
    /// <summary>Makes one delivery per matching enabled subscription for a batch of new events; the number of events handled.</summary>
    public async Task<int> FanOutAsync(CancellationToken ct)
    {
        var o = options.Value;
        // The worker serves every account: it writes deliveries of many accounts, each carrying its event's account.
        await using var db = await contexts.CreateForEveryAccountAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // SKIP LOCKED: instances fanning out at once take different events, so each event gets its deliveries once.
        var events = await db.WebhookOutboxEvents
            .FromSql($"SELECT * FROM webhook_events WHERE NOT fanned_out ORDER BY id LIMIT {o.FanOutBatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        if (events.Count == 0) return 0;
        var accounts = events.Select(e => e.AccountId).Distinct().ToArray();
        // The account filter is lifted to read every account's subscriptions; each event is matched to its own below.
        var subscriptions = await db.WebhookSubscriptions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => accounts.Contains(s.AccountId) && s.Enabled).ToListAsync(ct);
        var byAccount = subscriptions.ToLookup(s => s.AccountId);
        var now = clock.GetUtcNow();
        foreach (var e in events)
        {
            foreach (var s in byAccount[e.AccountId].Where(s => s.Events.Contains(e.Type)))
            {
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    EventId = e.Id, SubscriptionId = s.Id, AccountId = e.AccountId, NextAttemptAt = now,
                    RetryUntil = e.CreatedAt.AddHours(o.GiveUpAfterHours), CreatedAt = now,
                });
            }
            e.FannedOut = true;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return events.Count;
    }

    /// <summary>Reads claimed deliveries with their event and subscription (the claim itself is the platform outbox's).
    /// Untagged: a test holds this very statement to stop an instance between claim and delivery.</summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> LoadAsync(AppDbContext db, IReadOnlyList<Guid> ids, Guid token, CancellationToken ct) =>
        await (
            // The worker claims deliveries of every account: the account filter is lifted.
            from d in db.WebhookDeliveries.IgnoreQueryFilters().AsNoTracking()
            join e in db.WebhookOutboxEvents on d.EventId equals e.Id
            join s in db.WebhookSubscriptions.IgnoreQueryFilters() on d.SubscriptionId equals s.Id
            where ids.Contains(d.Id) && d.ClaimToken == token
            select new ClaimedDelivery(d.Id, d.AccountId, e.Id, e.Type, e.CreatedAt, e.Data, s.Id, s.Url, s.ProtectedSecret, d.Manual))
            .ToListAsync(ct);

    /// <summary>Keeps the attempt (always, even after a lost lease) beside the state the outbox recorded; a subscription
    /// whose delivery was given up (retries over, or the receiver answered 410 Gone) is disabled and its owners mailed.</summary>
    public async Task RecordAsync(AppDbContext db, ClaimedDelivery claimed, WebhookAttemptOutcome outcome, OutboxOutcome recorded, CancellationToken ct)
    {
        db.WebhookDeliveryAttempts.Add(new WebhookDeliveryAttempt
        {
            DeliveryId = claimed.Id, AttemptedAt = recorded.AttemptedAt, StatusCode = outcome.StatusCode, Error = outcome.Error,
            DurationMs = outcome.DurationMs, ResponseBody = outcome.ResponseBody,
        });
        if (!recorded.HeldClaim || recorded.State != OutboxState.GivenUp) return;
        // A person's one-off retry or test event never disables a subscription; a receiver saying "gone" always does.
        if (claimed.Manual && !outcome.Gone) return;
        var reason = outcome.Gone ? "the receiver answered 410 Gone" : $"{options.Value.GiveUpAfterHours} h of failed deliveries";
        await DisableAsync(db, claimed, outcome, recorded.RecordedAt, reason, ct);
    }

    /// <summary>After the whole retry period failed, or a 410: the subscription stops receiving events, its other pending
    /// deliveries end, and the owners are mailed, in one transaction (the mail through the mail outbox).</summary>
    private async Task DisableAsync(AppDbContext db, ClaimedDelivery claimed, WebhookAttemptOutcome outcome, DateTimeOffset now, string reason,
        CancellationToken ct)
    {
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == claimed.SubscriptionId, ct);
        if (subscription is not { Enabled: true }) return;
        subscription.Enabled = false;
        subscription.DisabledAt = now;
        // Rows another worker is recording right now are skipped, not waited for (two give-ups of one subscription at once
        // would otherwise deadlock): the claim filter passes over them while the subscription is disabled.
        await db.Database.ExecuteSqlAsync($"""
            UPDATE webhook_deliveries SET state = {WebhookDeliveryState.Failed}, next_attempt_at = NULL
            WHERE id IN (SELECT id FROM webhook_deliveries
              WHERE subscription_id = {subscription.Id} AND state = {WebhookDeliveryState.Pending} AND NOT manual AND id <> {claimed.Id}
              FOR UPDATE SKIP LOCKED)
            """, ct);
        // db is confined to the delivery's account (WebhookDeliveryHandler.OpenAsync), so these are its owners only.
        var owners = await db.Users.Where(u => u.Role == MemberRoles.Owner && u.RemovedAt == null && u.Email != null)
            .Select(u => u.Email!).ToListAsync(ct);
        foreach (var owner in owners)
        {
            mail.Enqueue(db, new OutgoingMail(owner, MailTemplate.WebhookDisabled, new Dictionary<string, string>
            {
                ["webhook_id"] = subscription.Id.ToString(),
                ["webhook_url"] = subscription.Url,
                ["disabled_at"] = now.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
                ["last_error"] = outcome.Error ?? $"HTTP {outcome.StatusCode}",
            }));
        }
        logger.LogWarning("Webhook subscription {SubscriptionId} of account {AccountId} disabled: {Reason}", subscription.Id, claimed.AccountId, reason);
    }
}
