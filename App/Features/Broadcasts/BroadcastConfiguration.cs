using Boltly.Features.Inbox;
using Boltly.Features.Templates;
using Boltly.Platform.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Boltly.Features.Broadcasts;

internal sealed class BroadcastConfiguration : IEntityTypeConfiguration<Broadcast>
{
    public void Configure(EntityTypeBuilder<Broadcast> b)
    {
        b.ToTable("broadcasts");
        b.Property(x => x.Name).HasMaxLength(128);
        b.Property(x => x.Status).HasMaxLength(16);
        b.HasIndex(x => new { x.AccountId, x.Id });
        b.HasIndex(x => x.TemplateId);
        // The scheduled-broadcasts job's query (docs/scheduled-work.md).
        b.HasIndex(x => x.ScheduledAt).HasFilter("status = 'scheduled'");
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
        // A template in use by a broadcast cannot be deleted (the service answers 409 first).
        b.HasOne<Template>().WithMany().HasForeignKey(x => x.TemplateId).OnDelete(DeleteBehavior.Restrict)
            .HasConstraintName("fk_broadcasts_templates_template_id");
        // The inbox messages a broadcast wrote keep their text when it is deleted. Declared here, from the higher
        // feature, so that Inbox does not know Broadcasts.
        b.HasMany<Message>().WithOne().HasForeignKey(m => m.BroadcastId).OnDelete(DeleteBehavior.SetNull);
    }
}
