using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Boltly.Platform.Data;

public static class UniqueViolation
{
    /// <summary>True when a save failed on the named unique index (PostgreSQL 23505): a concurrent duplicate.</summary>
    public static bool Is(DbUpdateException ex, string indexName) =>
        ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg && pg.ConstraintName == indexName;
}
