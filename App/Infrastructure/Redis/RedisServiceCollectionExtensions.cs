using Boltly.Infrastructure.Caching;
using Boltly.Infrastructure.RateLimiting;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Boltly.Infrastructure.Redis;

public static class RedisServiceCollectionExtensions
{
    /// <summary>One Redis connection for the process; the two-tier cache over it; shared rate-limit counters.</summary>
    public static WebApplicationBuilder AddBoltlyRedis(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("ConnectionStrings:Redis is not set. Start the portal with ./run.sh, or set ConnectionStrings__Redis.");

        var services = builder.Services;
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section).ValidateOnStart();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(_ => RedisConnectionFactory.Connect(connectionString));

        services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider, IOptions<RedisOptions>>((o, sp, redis) =>
        {
            o.InstanceName = redis.Value.KeyPrefix + "cache:";
            o.ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>());
        });
        services.AddSingleton<IDistributedCache, ResilientDistributedCache>();
        services.AddHybridCache(o =>
        {
            o.DefaultEntryOptions = new HybridCacheEntryOptions
            {
                Expiration = TimeSpan.FromSeconds(60),
                LocalCacheExpiration = TimeSpan.FromSeconds(60),
            };
        });
        services.AddSingleton<CacheInvalidationBus>();
        services.AddHostedService(sp => sp.GetRequiredService<CacheInvalidationBus>());
        services.AddSingleton<WindowRateLimiter>();
        return builder;
    }
}
