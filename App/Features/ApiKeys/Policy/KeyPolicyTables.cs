using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.ApiKeys.Policy;

/// <summary>The key policy's table on the one <see cref="AppDbContext"/>.</summary>
public static class KeyPolicyTables
{
    extension(AppDbContext db)
    {
        public DbSet<AccountKeyPolicy> KeyPolicies => db.Set<AccountKeyPolicy>();
    }
}
