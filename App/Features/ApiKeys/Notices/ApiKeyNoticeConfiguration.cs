using Boltly.Platform.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Boltly.Features.ApiKeys.Notices;

internal sealed class ApiKeyNoticeConfiguration : IEntityTypeConfiguration<ApiKeyNotice>
{
    public const string UniqueIndex = "ux_api_key_notices_key_kind_deadline";

    public void Configure(EntityTypeBuilder<ApiKeyNotice> b)
    {
        b.ToTable("api_key_notices");
        b.Property(n => n.Kind).HasMaxLength(32);
        b.HasIndex(n => new { n.ApiKeyId, n.Kind, n.Deadline }).IsUnique().HasDatabaseName(UniqueIndex);
        b.HasOne<ApiKey>().WithMany().HasForeignKey(n => n.ApiKeyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Account>().WithMany().HasForeignKey(n => n.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
