using Boltly.Platform.Redis;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
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
        var environment = builder.Environment;
        services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.Section)
            .PostConfigure(o =>
            {
                // Development without a configured key derives one from the checkout, so instances of one
                // checkout agree and a restart keeps reading its entries; run.sh sets a random one from .local/.
                if (environment.IsDevelopment() && string.IsNullOrWhiteSpace(o.MacKey))
                    o.MacKey = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(
                        System.Text.Encoding.UTF8.GetBytes("boltly-development-cache-mac:" + environment.ContentRootPath)));
            })
            .ValidateDataAnnotations()
            .Validate(o => o.MacKeyBytes() is not null,
                $"Cache:MacKey must be set to at least {CacheOptions.MinimumMacKeyBytes} random bytes in base64 (see docs/security.md).")
            .ValidateOnStart();
        services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider, IOptions<RedisOptions>>((o, sp, redis) =>
        {
            o.InstanceName = redis.Value.KeyPrefix + "cache:";
            o.ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>());
        });
        services.AddSingleton<IDistributedCache, ResilientDistributedCache>();
        // HybridCache's memory tier is the shared IMemoryCache; its expiry follows TimeProvider like the rest.
        services.AddOptions<MemoryCacheOptions>().Configure<TimeProvider>((o, clock) => o.Clock = new TimeProviderSystemClock(clock));
        services.AddHybridCache();
        services.AddOptions<HybridCacheOptions>().Configure<IOptions<CacheOptions>>((o, cache) =>
        {
            var lifetime = TimeSpan.FromSeconds(cache.Value.EntrySeconds);
            o.DefaultEntryOptions = new HybridCacheEntryOptions { Expiration = lifetime, LocalCacheExpiration = lifetime };
        });
        services.AddSingleton<CacheInvalidationBus>();
        services.AddHostedService(sp => sp.GetRequiredService<CacheInvalidationBus>());
        services.AddSingleton<CacheRevocations>();
        services.AddHostedService(sp => sp.GetRequiredService<CacheRevocations>());
        return builder;
    }
}
