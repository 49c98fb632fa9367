using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Boltly.Features.SecurityEvents;

internal sealed class SecurityEventConfiguration : IEntityTypeConfiguration<SecurityEvent>
{
    public void Configure(EntityTypeBuilder<SecurityEvent> b)
    {
        b.ToTable("security_events");
        b.Property(e => e.Type).HasMaxLength(64);
        b.Property(e => e.Outcome).HasMaxLength(32);
        b.Property(e => e.ClientAddress).HasMaxLength(64);
        b.Property(e => e.UserAgent).HasMaxLength(256);
        b.Property(e => e.Detail).HasMaxLength(256);
        // Rows written before the audit log name no actor: the system, unless a user is on the row (the recorder's rule).
        b.Property(e => e.ActorType).HasMaxLength(16).HasDefaultValue(AuditActor.SystemType);
        b.Property(e => e.ActorName).HasMaxLength(256);
        b.Property(e => e.SubjectName).HasMaxLength(256);
        b.HasIndex(e => new { e.AccountId, e.OccurredAt });
        b.HasIndex(e => new { e.UserId, e.OccurredAt });
    }
}
