using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Boltly.Features.Webhooks;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.ToTable("webhook_deliveries");
        b.Property(d => d.State).HasMaxLength(16);
        // Workers look only at due pending rows: a partial index ordered by due time.
        b.HasIndex(d => d.NextAttemptAt).HasFilter("state = 'pending'").HasDatabaseName("ix_webhook_deliveries_due");
        // A subscription's deliveries, newest first (keyset pagination).
        b.HasIndex(d => new { d.SubscriptionId, d.Id });
        b.HasIndex(d => d.EventId);
        b.HasOne<WebhookEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}
