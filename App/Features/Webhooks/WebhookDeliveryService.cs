using Boltly.Platform.Auth;
using Boltly.Platform.Data;
using Boltly.Platform.Errors;
using Boltly.Platform.Pagination;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Webhooks;

/// <summary>
/// What a person does with deliveries (docs/webhooks.md): list a subscription's deliveries and their attempts,
/// send one again, send again every failed one since a time, send a test <c>ping</c>, re-enable (or pause) a subscription. Account-scoped: another account's
/// subscription is "no such subscription".
/// </summary>
public sealed class WebhookDeliveryService(IDbContextFactory<AppDbContext> contexts, Paginator paginator, WebhookEventOutbox outbox,
    WebhookDeliverySignal signal, RoleGate roles, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public const string ListName = "webhook_deliveries";

    /// <summary>The subscription's deliveries, newest first; null when no such subscription.</summary>
    public async Task<Page<WebhookDeliveryView>?> ListAsync(Caller caller, Guid subscriptionId, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == subscriptionId, ct)) return null;
        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == subscriptionId);
        var rows = await paginator.PageAsync(deliveries, caller, PageLists.Name(ListName, subscriptionId.ToString()), page, d => d, ct);
        var views = await ViewsAsync(db, rows.Data, ct);
        return new Page<WebhookDeliveryView>(views, rows.HasMore, rows.NextCursor);
    }

    /// <summary>Tries a delivery of the last <see cref="WebhookOptions.AttemptRetentionDays"/> days again now, the same event
    /// (same <c>webhook-id</c>): a pending one is moved up, a delivered or failed one gets one more attempt (which, failing,
    /// never disables the subscription). Null when no such delivery in that period.</summary>
    public async Task<WebhookDeliveryView?> RetryAsync(Caller caller, Guid subscriptionId, Guid deliveryId, CancellationToken ct = default)
    {
        await roles.RequireAsync(caller, Permission.ManageWebhooks, ct);
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == subscriptionId, ct)) return null;
        var oldest = clock.GetUtcNow().AddDays(-options.Value.AttemptRetentionDays);
        var delivery = await db.WebhookDeliveries
            .FirstOrDefaultAsync(d => d.Id == deliveryId && d.SubscriptionId == subscriptionId
                && d.CreatedAt >= oldest, ct);
        if (delivery is null) return null;
        if (delivery.State != WebhookDeliveryState.Pending)
        {
            delivery.State = WebhookDeliveryState.Pending;
            delivery.Manual = true;
        }
        delivery.NextAttemptAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        signal.Wake();
        return (await ViewsAsync(db, [delivery], ct))[0];
    }

    /// <summary>
    /// Sends again every event whose delivery to the subscription failed, of those since <paramref name="since"/> (at most
    /// <see cref="WebhookOptions.RedeliverWindowHours"/> back): a failed delivery gets one more attempt (as
    /// <see cref="RetryAsync"/> gives), a pending one that has failed so far is moved up to now. For a receiver that was
    /// down. The number of events sent again; null when no such subscription.
    /// </summary>
    public async Task<int?> RedeliverFailedAsync(Caller caller, Guid subscriptionId, DateTimeOffset? since, CancellationToken ct = default)
    {
        await roles.RequireAsync(caller, Permission.ManageWebhooks, ct);
        var now = clock.GetUtcNow();
        var hours = options.Value.RedeliverWindowHours;
        if (since is not { } from || from < now.AddHours(-hours) || from > now)
            throw new DomainValidationException("since", $"Give a time within the last {hours} hours.");
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == subscriptionId, ct)) return null;
        var ofSubscription = db.WebhookDeliveries.Where(d => d.SubscriptionId == subscriptionId && d.CreatedAt >= from);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var failed = await ofSubscription.Where(d => d.State == WebhookDeliveryState.Failed)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.State, WebhookDeliveryState.Pending).SetProperty(d => d.Manual, true)
                .SetProperty(d => d.NextAttemptAt, now), ct);
        var waiting = await ofSubscription.Where(d => d.State == WebhookDeliveryState.Pending && d.AttemptCount > 0 && d.NextAttemptAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.NextAttemptAt, now), ct);
        await transaction.CommitAsync(ct);
        signal.Wake();
        return failed + waiting;
    }

    /// <summary>Sends a <c>ping</c> to the subscription (enabled or not), one attempt. Null when no such subscription.</summary>
    public async Task<WebhookDeliveryView?> TestAsync(Caller caller, Guid subscriptionId, CancellationToken ct = default)
    {
        await roles.RequireAsync(caller, Permission.ManageWebhooks, ct);
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        var subscription = await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subscriptionId, ct);
        if (subscription is null) return null;
        var ping = outbox.Add(db, caller.AccountId, WebhookEvents.Ping, WebhookResponse.From(subscription), fannedOut: true);
        var now = clock.GetUtcNow();
        var delivery = new WebhookDelivery
        {
            EventId = ping.Id, SubscriptionId = subscription.Id, AccountId = caller.AccountId, Manual = true, NextAttemptAt = now,
            RetryUntil = now.AddHours(options.Value.GiveUpAfterHours), CreatedAt = now,
        };
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(ct);
        signal.Wake();
        return new WebhookDeliveryView(delivery, ping.Type, []);
    }

    /// <summary>Re-enables (or pauses) a subscription; null when no such subscription. Re-enabled, it receives new
    /// events; deliveries that failed meanwhile can be retried one by one.</summary>
    public async Task<WebhookSubscription?> SetEnabledAsync(Caller caller, Guid subscriptionId, bool enabled, CancellationToken ct = default)
    {
        await roles.RequireAsync(caller, Permission.ManageWebhooks, ct);
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == subscriptionId, ct);
        if (subscription is null) return null;
        if (subscription.Enabled != enabled)
        {
            subscription.Enabled = enabled;
            subscription.DisabledAt = enabled ? null : clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        return subscription;
    }

    private static async Task<List<WebhookDeliveryView>> ViewsAsync(AppDbContext db, IReadOnlyList<WebhookDelivery> deliveries, CancellationToken ct)
    {
        var ids = deliveries.Select(d => d.Id).ToArray();
        var eventIds = deliveries.Select(d => d.EventId).Distinct().ToArray();
        var types = await db.WebhookOutboxEvents.AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Type, ct);
        var attempts = (await db.WebhookDeliveryAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId))
                .OrderByDescending(a => a.AttemptedAt).ThenByDescending(a => a.Id).ToListAsync(ct))
            .ToLookup(a => a.DeliveryId);
        return deliveries.Select(d => new WebhookDeliveryView(d, types.GetValueOrDefault(d.EventId, ""), attempts[d.Id].ToList())).ToList();
    }
}
