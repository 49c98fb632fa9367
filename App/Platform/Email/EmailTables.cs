using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Platform.Email;

/// <summary>This area's tables on the one <see cref="AppDbContext"/>, which knows them only through their
/// configurations (docs/architecture.md).</summary>
public static class EmailTables
{
    extension(AppDbContext db)
    {
        public DbSet<QueuedMail> QueuedMails => db.Set<QueuedMail>();
    }
}
