using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Boltly.Features.Usage;

internal sealed class UsageRollupConfiguration : IEntityTypeConfiguration<UsageRollup>
{
    public const string Table = "usage_rollups";

    public void Configure(EntityTypeBuilder<UsageRollup> b)
    {
        b.ToTable(Table);
        // The upsert's conflict target; a key's chart reads it in order.
        b.HasKey(r => new { r.ApiKeyId, r.Granularity, r.Start });
        b.Property(r => r.Granularity).HasConversion<short>();
        b.HasIndex(r => new { r.AccountId, r.Granularity, r.Start });
        // The purge deletes by granularity and age.
        b.HasIndex(r => new { r.Granularity, r.Start });
    }
}
