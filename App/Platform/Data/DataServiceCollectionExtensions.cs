using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

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

        builder.Services.Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersion);
        builder.Services.AddDbContextFactory<AppDbContext>(o => Configure(o, connectionString));
        builder.Services.AddDataProtection()
            .SetApplicationName("boltly-portal")
            .PersistKeysToDbContext<AppDbContext>()
            .ProtectKeysAtRest(builder.Configuration, builder.Environment);
        return builder;
    }

    /// <summary>Identity's schema version 3 stores passkeys (docs/passkeys.md).</summary>
    public static readonly Version IdentitySchemaVersion = IdentitySchemaVersions.Version3;

    // Identity reads its schema version from IdentityOptions in the context's application services. A context made
    // outside the app (adding a migration, the migrator, a test) has none and would build the version-1 model, which
    // the snapshot does not match: it gets these instead.
    private static readonly IServiceProvider SchemaServices = new ServiceCollection()
        .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersion)
        .BuildServiceProvider();

    public static void Configure(DbContextOptionsBuilder options, string connectionString)
    {
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly))
            .UseSnakeCaseNamingConvention();
        if (options.Options.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider is null)
            options.UseApplicationServiceProvider(SchemaServices);
    }
}
