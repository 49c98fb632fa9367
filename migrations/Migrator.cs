using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Migrations;

public static class Migrator
{
    /// <summary>Applies pending migrations. EF Core takes a database lock, so concurrent callers serialise.</summary>
    public static async Task MigrateAsync(string connectionString, CancellationToken ct = default)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DataServiceCollectionExtensions.Configure(options, connectionString);
        await using var db = new AppDbContext(options.Options);
        await db.Database.MigrateAsync(ct);
    }
}
