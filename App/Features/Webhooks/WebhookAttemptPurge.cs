using Boltly.Platform.Data;
using Boltly.Platform.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Webhooks;

/// <summary>Deletes delivery attempts older than <see cref="WebhookOptions.AttemptRetentionDays"/>, the finished
/// deliveries and fanned-out events of that age with them (docs/webhooks.md). Runs on one instance at a time.</summary>
public sealed class WebhookAttemptPurge(IOptions<WebhookOptions> options, TimeProvider clock) : IScheduledJob
{
    public string Name => "webhooks.purge-attempts";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().AddDays(-options.Value.AttemptRetentionDays);
        var contexts = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.WebhookDeliveryAttempts.Where(a => a.AttemptedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        // The purge serves every account: the account filter is lifted.
        await db.WebhookDeliveries.IgnoreQueryFilters().Where(d => d.State != WebhookDeliveryState.Pending && d.CreatedAt < cutoff
                && (d.LastAttemptAt == null || d.LastAttemptAt < cutoff))
            .ExecuteDeleteAsync(cancellationToken);
        var deliveries = db.WebhookDeliveries.IgnoreQueryFilters();
        await db.WebhookOutboxEvents.Where(e => e.FannedOut && e.CreatedAt < cutoff && !deliveries.Any(d => d.EventId == e.Id))
            .ExecuteDeleteAsync(cancellationToken);
    }
}
