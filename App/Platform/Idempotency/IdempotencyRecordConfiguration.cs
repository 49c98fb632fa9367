using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Boltly.Platform.Idempotency;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.ToTable("idempotency_records");
        b.Property(r => r.Owner).HasMaxLength(64);
        b.Property(r => r.Key).HasMaxLength(255);
        b.Property(r => r.RequestHash).HasMaxLength(64);
        b.Property(r => r.ResponseContentType).HasMaxLength(128);
        b.Property(r => r.ResponseLocation).HasMaxLength(512);
        // The claim: a second INSERT of the same (owner, key) conflicts, so concurrent duplicates run once.
        b.HasIndex(r => new { r.Owner, r.Key }).IsUnique();
        b.HasIndex(r => r.ExpiresAt);
    }
}
