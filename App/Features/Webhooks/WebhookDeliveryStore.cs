using Boltly.Platform.Data;
using Boltly.Platform.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Webhooks;

/// <summary>
/// The delivery worker's database side (docs/decisions/0016-webhook-outbox.md): fan events out to matching enabled
/// subscriptions, claim due deliveries with <c>FOR UPDATE SKIP LOCKED</c> and a lease, and record each attempt.
/// Every statement is safe with any number of instances running it at once.
/// </summary>
public sealed class WebhookDeliveryStore(IDbContextFactory<AppDbContext> contexts, IMailOutbox mail, IOptions<WebhookOptions> options,
    TimeProvider clock, ILogger<WebhookDeliveryStore> logger)
{
    /// <summary>Makes one delivery per matching enabled subscription for a batch of new events; the number of events handled.</summary>
    public async Task<int> FanOutAsync(CancellationToken ct)
    {
        var o = options.Value;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // SKIP LOCKED: instances fanning out at once take different events, so each event gets its deliveries once.
        var events = await db.WebhookOutboxEvents
            .FromSql($"SELECT * FROM webhook_events WHERE NOT fanned_out ORDER BY id LIMIT {o.FanOutBatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        if (events.Count == 0) return 0;
        var accounts = events.Select(e => e.AccountId).Distinct().ToArray();
        // The worker serves every account: the account filter is lifted and the account matched explicitly.
        var subscriptions = await db.WebhookSubscriptions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => accounts.Contains(s.AccountId) && s.Enabled).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var e in events)
        {
            foreach (var s in subscriptions.Where(s => s.AccountId == e.AccountId && s.Events.Contains(e.Type)))
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

    /// <summary>Claims up to <paramref name="count"/> due deliveries for this worker until the lease ends.</summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int count, CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var leaseEnd = now.AddSeconds(o.LeaseSeconds);
        var token = Guid.NewGuid();
        await using var db = await contexts.CreateDbContextAsync(ct);
        // One statement: the rows are locked (others skip them), their lease set and committed together. A row whose
        // lease has run out (its instance died between claim and delivery) is due again.
        var ids = await db.Database.SqlQuery<Guid>($"""
            UPDATE webhook_deliveries SET claimed_until = {leaseEnd}, claim_token = {token}
            WHERE id IN (
              SELECT d.id FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
              WHERE d.state = {WebhookDeliveryState.Pending} AND d.next_attempt_at <= {now}
                AND (d.claimed_until IS NULL OR d.claimed_until <= {now}) AND (s.enabled OR d.manual)
              ORDER BY d.next_attempt_at LIMIT {count}
              FOR UPDATE OF d SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(ct);
        if (ids.Count == 0) return [];
        return await (
            from d in db.WebhookDeliveries.AsNoTracking()
            join e in db.WebhookOutboxEvents on d.EventId equals e.Id
            join s in db.WebhookSubscriptions.IgnoreQueryFilters() on d.SubscriptionId equals s.Id
            where ids.Contains(d.Id) && d.ClaimToken == token
            select new ClaimedDelivery(d.Id, token, d.AccountId, e.Id, e.Type, e.CreatedAt, e.Data, s.Id, s.Url, s.ProtectedSecret))
            .ToListAsync(ct);
    }

    /// <summary>Keeps the attempt and moves the delivery on: delivered, retried later, or failed (and, when automatic
    /// retries are over, the subscription disabled and its owners mailed).</summary>
    public async Task RecordAsync(ClaimedDelivery claimed, DateTimeOffset attemptedAt, WebhookAttemptOutcome outcome, CancellationToken ct)
    {
        await using var db = await contexts.CreateForAccountAsync(claimed.AccountId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.WebhookDeliveryAttempts.Add(new WebhookDeliveryAttempt
        {
            DeliveryId = claimed.Id, AttemptedAt = attemptedAt, StatusCode = outcome.StatusCode, Error = outcome.Error,
            DurationMs = outcome.DurationMs, ResponseBody = outcome.ResponseBody,
        });
        // Only while this worker still holds the claim: after a lost lease the attempt is kept, the state is the new holder's.
        var delivery = await db.WebhookDeliveries
            .FromSql($"SELECT * FROM webhook_deliveries WHERE id = {claimed.Id} AND claim_token = {claimed.ClaimToken} FOR UPDATE")
            .FirstOrDefaultAsync(ct);
        if (delivery is not null)
        {
            var now = clock.GetUtcNow();
            delivery.AttemptCount++;
            delivery.LastAttemptAt = attemptedAt;
            delivery.ClaimedUntil = null;
            delivery.ClaimToken = null;
            if (outcome.Delivered)
            {
                delivery.State = WebhookDeliveryState.Delivered;
                delivery.DeliveredAt = now;
                delivery.NextAttemptAt = null;
            }
            else if (delivery.Manual)
            {
                delivery.State = WebhookDeliveryState.Failed;
                delivery.NextAttemptAt = null;
            }
            else if (WebhookRetrySchedule.Next(now, delivery.AttemptCount, delivery.RetryUntil) is { } next)
            {
                delivery.NextAttemptAt = next;
            }
            else
            {
                delivery.State = WebhookDeliveryState.Failed;
                delivery.NextAttemptAt = null;
                await DisableAsync(db, claimed, outcome, now, ct);
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>After the whole retry period failed: the subscription stops receiving events, its other pending
    /// deliveries end, and the owners are mailed, in one transaction (the mail through the mail outbox).</summary>
    private async Task DisableAsync(AppDbContext db, ClaimedDelivery claimed, WebhookAttemptOutcome outcome, DateTimeOffset now, CancellationToken ct)
    {
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == claimed.SubscriptionId, ct);
        if (subscription is not { Enabled: true }) return;
        subscription.Enabled = false;
        subscription.DisabledAt = now;
        await db.WebhookDeliveries
            .Where(d => d.SubscriptionId == subscription.Id && d.State == WebhookDeliveryState.Pending && !d.Manual && d.Id != claimed.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.State, WebhookDeliveryState.Failed).SetProperty(d => d.NextAttemptAt, (DateTimeOffset?)null), ct);
        // Members and roles arrive with their own issue; until then every user of the account is an owner.
        var owners = await db.Users.Where(u => u.AccountId == claimed.AccountId && u.Email != null).Select(u => u.Email!).ToListAsync(ct);
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
        logger.LogWarning("Webhook subscription {SubscriptionId} of account {AccountId} disabled after {Hours} h of failed deliveries",
            subscription.Id, claimed.AccountId, options.Value.GiveUpAfterHours);
    }
}
