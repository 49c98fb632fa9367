using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.Webhooks;

/// <summary>This area's tables on the one <see cref="AppDbContext"/>, which knows them only through their
/// configurations (docs/architecture.md).</summary>
public static class WebhooksTables
{
    extension(AppDbContext db)
    {
        public DbSet<WebhookSubscription> WebhookSubscriptions => db.Set<WebhookSubscription>();
        public DbSet<WebhookEvent> WebhookOutboxEvents => db.Set<WebhookEvent>();
        public DbSet<WebhookDelivery> WebhookDeliveries => db.Set<WebhookDelivery>();
        public DbSet<WebhookDeliveryAttempt> WebhookDeliveryAttempts => db.Set<WebhookDeliveryAttempt>();
    }
}
