using StackExchange.Redis;

namespace Boltly.Infrastructure.Redis;

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
        return ConnectionMultiplexer.Connect(options);
    }
}
