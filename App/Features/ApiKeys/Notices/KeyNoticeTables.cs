using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.ApiKeys.Notices;

/// <summary>The notices' tables on the one <see cref="AppDbContext"/>.</summary>
public static class KeyNoticeTables
{
    extension(AppDbContext db)
    {
        public DbSet<ApiKeyNotice> ApiKeyNotices => db.Set<ApiKeyNotice>();
        public DbSet<ApiKeyNoticeRecipient> ApiKeyNoticeRecipients => db.Set<ApiKeyNoticeRecipient>();
        public DbSet<ApiKeyNoticeDigest> ApiKeyNoticeDigests => db.Set<ApiKeyNoticeDigest>();
    }
}
