using Boltly.Platform.Redis;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Boltly.Platform.Caching;

public static class CachingServiceCollectionExtensions
{
    /// <summary>HybridCache over Redis (a Redis failure is a miss, never an error) and the eviction bus that
    /// clears every instance's memory tier. Call after <see cref="RedisServiceCollectionExtensions.AddBoltlyRedis"/>.</summary>
    public static WebApplicationBuilder AddBoltlyCaching(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider, IOptions<RedisOptions>>((o, sp, redis) =>
        {
            o.InstanceName = redis.Value.KeyPrefix + "cache:";
            o.ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>());
        });
        services.AddSingleton<IDistributedCache, ResilientDistributedCache>();
        services.AddHybridCache();
        services.AddOptions<HybridCacheOptions>().Configure<IOptions<CacheOptions>>((o, cache) =>
        {
            var lifetime = TimeSpan.FromSeconds(cache.Value.EntrySeconds);
            o.DefaultEntryOptions = new HybridCacheEntryOptions { Expiration = lifetime, LocalCacheExpiration = lifetime };
        });
        services.AddSingleton<CacheInvalidationBus>();
        services.AddHostedService(sp => sp.GetRequiredService<CacheInvalidationBus>());
        return builder;
    }
}
