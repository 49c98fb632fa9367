using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.Broadcasts;

/// <summary>This area's tables on the one <see cref="AppDbContext"/>, which knows them only through their
/// configurations (docs/architecture.md).</summary>
public static class BroadcastsTables
{
    extension(AppDbContext db)
    {
        public DbSet<Broadcast> Broadcasts => db.Set<Broadcast>();
    }
}
