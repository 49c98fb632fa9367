using System.Net;
using System.Net.Sockets;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Boltly.Tests.Components;

/// <summary>
/// The host's database contexts, or, while <see cref="Unreachable"/> is set, contexts whose PostgreSQL is a
/// loopback port nobody listens on: the real driver fails to connect, as it does when the server is down.
/// </summary>
public sealed class SwitchableDbContexts(IDbContextFactory<AppDbContext> healthy) : IDbContextFactory<AppDbContext>
{
    private readonly DbContextOptions<AppDbContext> _unreachable = UnreachableOptions();

    public bool Unreachable { get; set; }

    public AppDbContext CreateDbContext() => Unreachable ? new AppDbContext(_unreachable) : healthy.CreateDbContext();

    private static DbContextOptions<AppDbContext> UnreachableOptions()
    {
        var connection = new NpgsqlConnectionStringBuilder(TestServices.Postgres) { Host = "127.0.0.1", Port = ClosedPort(), Timeout = 2 };
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DataServiceCollectionExtensions.Configure(options, connection.ConnectionString);
        return options.Options;
    }

    /// <summary>A port that was free a moment ago: connecting to it is refused.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
