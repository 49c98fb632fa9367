using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Boltly.Features.Webhooks;

internal sealed class WebhookDeliveryAttemptConfiguration : IEntityTypeConfiguration<WebhookDeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookDeliveryAttempt> b)
    {
        b.ToTable("webhook_delivery_attempts");
        b.Property(a => a.Error).HasMaxLength(WebhookDeliveryAttempt.ErrorLength);
        b.Property(a => a.ResponseBody).HasMaxLength(WebhookSender.ResponseExcerptBytes);
        b.HasIndex(a => new { a.DeliveryId, a.AttemptedAt });
        b.HasIndex(a => a.AttemptedAt);
        b.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}
