using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.Usage;

/// <summary>This area's tables on the one <see cref="AppDbContext"/> (docs/architecture.md).</summary>
public static class UsageTables
{
    extension(AppDbContext db)
    {
        public DbSet<UsageRollup> UsageRollups => db.Set<UsageRollup>();
        public DbSet<LoggedRequest> RequestLog => db.Set<LoggedRequest>();
        public DbSet<RequestLogTrimMark> RequestLogTrimQueue => db.Set<RequestLogTrimMark>();
    }
}
