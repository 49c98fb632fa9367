using StackExchange.Redis;

namespace Boltly.Platform.Redis;

/// <summary>Builds the process's one <see cref="IConnectionMultiplexer"/>, tuned to fail fast:
/// while Redis is unreachable every caller falls back (PostgreSQL, local limits) instead of waiting.</summary>
public static class RedisConnectionFactory
{
    public static IConnectionMultiplexer Connect(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2000;
        options.SyncTimeout = 1000;
        options.AsyncTimeout = 1000;
        options.ConnectRetry = 1;
        options.ReconnectRetryPolicy = new LinearRetry(500);
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ClientName ??= "boltly-portal";
        // The .NET thread pool, not the client's own dedicated threads: every reply on a dedicated
        // thread costs a wake-up and a hand-over, which on a small machine (2 cores) weighed more than
        // the rate-limit count itself (bench/RESULTS.md).
        options.SocketManager = SocketManager.ThreadPool;
        return ConnectionMultiplexer.Connect(options);
    }
}
