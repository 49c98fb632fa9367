using Boltly.Migrations;
using Npgsql;

namespace Boltly.Tests.Infrastructure;

/// <summary>
/// A database of the test's own on the test PostgreSQL server, migrated, dropped at the end. For tests of
/// work every host does in the background (the mail outbox, the scheduler): only the hosts the test starts
/// on it see its rows, so other tests' hosts neither take its work nor change its counts.
/// </summary>
public sealed class IsolatedDatabase : IAsyncDisposable
{
    private readonly string _name = $"boltly_iso_{Guid.NewGuid():N}";

    public string ConnectionString { get; private set; } = "";

    public static async Task<IsolatedDatabase> CreateAsync()
    {
        var database = new IsolatedDatabase();
        await using (var admin = new NpgsqlConnection(TestServices.Postgres))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database._name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        database.ConnectionString = new NpgsqlConnectionStringBuilder(TestServices.Postgres) { Database = database._name }.ConnectionString;
        await Migrator.MigrateAsync(database.ConnectionString);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await using var admin = new NpgsqlConnection(TestServices.Postgres);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
