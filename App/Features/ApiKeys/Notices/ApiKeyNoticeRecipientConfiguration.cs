using Boltly.Platform.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Boltly.Features.ApiKeys.Notices;

internal sealed class ApiKeyNoticeRecipientConfiguration : IEntityTypeConfiguration<ApiKeyNoticeRecipient>
{
    public void Configure(EntityTypeBuilder<ApiKeyNoticeRecipient> b)
    {
        b.ToTable("api_key_notice_recipients");
        b.HasIndex(r => new { r.NoticeId, r.UserId }).IsUnique();
        // The digest step reads only what waits.
        b.HasIndex(r => r.UserId).HasFilter("digest_id IS NULL");
        b.HasOne<ApiKeyNotice>().WithMany().HasForeignKey(r => r.NoticeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ApiKeyNoticeDigest>().WithMany().HasForeignKey(r => r.DigestId).OnDelete(DeleteBehavior.SetNull);
    }
}
