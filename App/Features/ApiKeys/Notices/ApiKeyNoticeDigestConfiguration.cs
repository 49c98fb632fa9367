using Boltly.Platform.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Boltly.Features.ApiKeys.Notices;

internal sealed class ApiKeyNoticeDigestConfiguration : IEntityTypeConfiguration<ApiKeyNoticeDigest>
{
    public void Configure(EntityTypeBuilder<ApiKeyNoticeDigest> b)
    {
        b.ToTable("api_key_notice_digests");
        b.HasIndex(d => new { d.UserId, d.Day }).IsUnique();
        b.HasOne<AppUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
