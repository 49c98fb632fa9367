using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.Auth;

/// <summary>This area's tables on the one <see cref="AppDbContext"/>, which knows them only through their
/// configurations (docs/architecture.md).</summary>
public static class AuthTables
{
    extension(AppDbContext db)
    {
        public DbSet<RefreshToken> RefreshTokens => db.Set<RefreshToken>();
    }
}
