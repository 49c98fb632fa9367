using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.SecurityEvents;

/// <summary>This area's tables on the one <see cref="AppDbContext"/>, which knows them only through their
/// configurations (docs/architecture.md).</summary>
public static class SecurityEventsTables
{
    extension(AppDbContext db)
    {
        public DbSet<SecurityEvent> SecurityEvents => db.Set<SecurityEvent>();
    }
}
