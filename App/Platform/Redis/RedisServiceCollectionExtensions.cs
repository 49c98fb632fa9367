using StackExchange.Redis;

namespace Boltly.Platform.Redis;

public static class RedisServiceCollectionExtensions
{
    /// <summary>One Redis connection for the process (the cache, the revocation channel and the rate-limit counters share it).</summary>
    public static WebApplicationBuilder AddBoltlyRedis(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("ConnectionStrings:Redis is not set. Start the portal with ./run.sh, or set ConnectionStrings__Redis.");

        builder.Services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => RedisConnectionFactory.Connect(connectionString));
        return builder;
    }
}
