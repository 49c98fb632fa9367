using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.TwoFactor;

/// <summary>This area's tables on the one <see cref="AppDbContext"/>, which knows them only through their
/// configurations (docs/architecture.md).</summary>
public static class TwoFactorTables
{
    extension(AppDbContext db)
    {
        public DbSet<RecoveryCode> RecoveryCodes => db.Set<RecoveryCode>();
    }
}
