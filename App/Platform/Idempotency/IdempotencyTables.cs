using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Platform.Idempotency;

/// <summary>This area's tables on the one <see cref="AppDbContext"/>, which knows them only through their
/// configurations (docs/architecture.md).</summary>
public static class IdempotencyTables
{
    extension(AppDbContext db)
    {
        public DbSet<IdempotencyRecord> IdempotencyRecords => db.Set<IdempotencyRecord>();
    }
}
