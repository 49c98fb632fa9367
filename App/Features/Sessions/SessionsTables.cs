using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.Sessions;

/// <summary>This area's tables on the one <see cref="AppDbContext"/> (docs/architecture.md).</summary>
public static class SessionsTables
{
    extension(AppDbContext db)
    {
        public DbSet<UserSession> UserSessions => db.Set<UserSession>();
    }
}
