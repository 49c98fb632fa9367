using System.Net.Sockets;
using Npgsql;

namespace Boltly.Platform.Errors;

/// <summary>Tells an unreachable database (answer 503, try again) from a bug (answer 500).</summary>
public static class DatabaseFailure
{
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    // Class 08 connection exceptions, 57P0x operator intervention / shutdown, 53 resources.
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
                        || pg.SqlState.StartsWith("53", StringComparison.Ordinal);
                case NpgsqlException:
                case SocketException:
                    return true;
                case TimeoutException when e.Source?.StartsWith("Npgsql", StringComparison.Ordinal) == true:
                    return true;
            }
        }
        return false;
    }
}
