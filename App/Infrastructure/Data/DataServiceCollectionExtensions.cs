using Boltly.Domain.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Infrastructure.Data;

public static class DataServiceCollectionExtensions
{
    public const string MigrationsAssembly = "Boltly.Migrations";

    /// <summary>PostgreSQL through EF Core, Data Protection keys shared by every instance.</summary>
    public static WebApplicationBuilder AddBoltlyData(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("ConnectionStrings:Postgres is not set. Start the portal with ./run.sh, or set ConnectionStrings__Postgres.");

        builder.Services.AddDbContextFactory<AppDbContext>(o => Configure(o, connectionString));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SecurityEventRecorder>();
        builder.Services.AddDataProtection()
            .SetApplicationName("boltly-portal")
            .PersistKeysToDbContext<AppDbContext>();
        return builder;
    }

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly))
            .UseSnakeCaseNamingConvention();
}

public static class AccountScopedContexts
{
    /// <summary>A context confined to <paramref name="accountId"/>: the way domain services open account data.</summary>
    public static async Task<AppDbContext> CreateForAccountAsync(this IDbContextFactory<AppDbContext> contexts, Guid accountId, CancellationToken ct = default)
    {
        var db = await contexts.CreateDbContextAsync(ct);
        return db.ForAccount(accountId);
    }
}
