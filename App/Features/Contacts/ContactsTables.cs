using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.Contacts;

/// <summary>This area's tables on the one <see cref="AppDbContext"/>, which knows them only through their
/// configurations (docs/architecture.md).</summary>
public static class ContactsTables
{
    extension(AppDbContext db)
    {
        public DbSet<Contact> Contacts => db.Set<Contact>();
    }
}
