using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Platform.Scheduling;

/// <summary>This area's tables on the one <see cref="AppDbContext"/>, which knows them only through their
/// configurations (docs/architecture.md).</summary>
public static class SchedulingTables
{
    extension(AppDbContext db)
    {
        public DbSet<ScheduledJobState> ScheduledJobs => db.Set<ScheduledJobState>();
    }
}
