using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.Inbox;

/// <summary>This area's tables on the one <see cref="AppDbContext"/>, which knows them only through their
/// configurations (docs/architecture.md).</summary>
public static class InboxTables
{
    extension(AppDbContext db)
    {
        public DbSet<Conversation> Conversations => db.Set<Conversation>();
        public DbSet<Message> Messages => db.Set<Message>();
    }
}
