using Boltly.Platform.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Boltly.Features.Webhooks;

internal sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> b)
    {
        b.ToTable("webhook_events");
        b.Property(e => e.Type).HasMaxLength(64);
        b.Property(e => e.Data).HasColumnType("jsonb");
        // The fan-out reads only events not yet fanned out: a small partial index, however long the table.
        b.HasIndex(e => e.Id).HasFilter("NOT fanned_out").HasDatabaseName("ix_webhook_events_pending");
        b.HasIndex(e => e.CreatedAt);
        b.HasOne<Account>().WithMany().HasForeignKey(e => e.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
