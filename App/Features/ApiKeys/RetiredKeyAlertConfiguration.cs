using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Boltly.Features.ApiKeys;

internal sealed class RetiredKeyAlertConfiguration : IEntityTypeConfiguration<RetiredKeyAlert>
{
    public void Configure(EntityTypeBuilder<RetiredKeyAlert> b)
    {
        b.ToTable("retired_key_alerts");
        b.HasKey(a => new { a.ApiKeyId, a.Day });
        b.Property(a => a.ClientAddress).HasMaxLength(64);
        b.HasOne<ApiKey>().WithMany().HasForeignKey(a => a.ApiKeyId).OnDelete(DeleteBehavior.Cascade);
    }
}
