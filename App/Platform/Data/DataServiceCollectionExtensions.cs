using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Platform.Data;

public static class DataServiceCollectionExtensions
{
    public const string MigrationsAssembly = "Boltly.Migrations";

    /// <summary>PostgreSQL through EF Core, Data Protection keys shared by every instance and encrypted at rest
    /// (<see cref="DataProtectionAtRest"/>).</summary>
    public static WebApplicationBuilder AddBoltlyData(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("ConnectionStrings:Postgres is not set. Start the portal with ./run.sh, or set ConnectionStrings__Postgres.");

        builder.Services.AddDbContextFactory<AppDbContext>(o => Configure(o, connectionString));
        builder.Services.AddDataProtection()
            .SetApplicationName("boltly-portal")
            .PersistKeysToDbContext<AppDbContext>()
            .ProtectKeysAtRest(builder.Configuration, builder.Environment);
        return builder;
    }

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly))
            .UseSnakeCaseNamingConvention();
}
