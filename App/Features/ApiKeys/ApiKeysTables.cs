using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.ApiKeys;

/// <summary>This area's tables on the one <see cref="AppDbContext"/>, which knows them only through their
/// configurations (docs/architecture.md).</summary>
public static class ApiKeysTables
{
    extension(AppDbContext db)
    {
        public DbSet<ApiKey> ApiKeys => db.Set<ApiKey>();
        public DbSet<RetiredKeyAlert> RetiredKeyAlerts => db.Set<RetiredKeyAlert>();
    }
}
