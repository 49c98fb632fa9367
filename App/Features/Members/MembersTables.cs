using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.Members;

/// <summary>This area's tables on the one <see cref="AppDbContext"/>, which knows them only through their
/// configurations (docs/architecture.md). Members themselves are the account's users (Platform/Accounts).</summary>
public static class MembersTables
{
    extension(AppDbContext db)
    {
        public DbSet<Invitation> Invitations => db.Set<Invitation>();
    }
}
