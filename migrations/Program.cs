using Microsoft.Extensions.Configuration;

namespace Boltly.Migrations;

/// <summary>
/// `migrate`: applies pending EF Core migrations to ConnectionStrings:Postgres. The app itself never
/// migrates silently; run.sh, the test fixtures and deployments call this step explicitly.
/// </summary>
public static class MigrateCommand
{
    public static async Task<int> Main(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();

        var connectionString = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync("migrate: ConnectionStrings:Postgres is not set (ConnectionStrings__Postgres).");
            return 2;
        }

        await Migrator.MigrateAsync(connectionString);
        Console.WriteLine("migrate: database is up to date.");
        return 0;
    }
}
